package io.github.ciospring.customerio.test.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the sandbox accepted, as typed records, for tests to query: events, devices, suppressions, batch items,
 * transactional sends, broadcast triggers and Data Pipelines messages. Keeps at most {@code capacity} records of
 * each kind (later ones are counted in {@link #dropped()} but not kept), so long load runs use bounded memory.
 * Thread-safe: every method holds the instance's lock.
 */
final class Recordings {

	private final int capacity;

	private final List<RecordedEvent> events = new ArrayList<>();

	private final List<RecordedBatchItem> batchItems = new ArrayList<>();

	private final List<RecordedSend> sends = new ArrayList<>();

	private final List<RecordedBroadcast> broadcasts = new ArrayList<>();

	private final List<RecordedPipelinesMessage> pipelinesMessages = new ArrayList<>();

	private final Map<String, Map<String, RecordedDevice>> devices = new LinkedHashMap<>();

	private final Set<String> suppressed = new LinkedHashSet<>();

	private int deviceCount;

	private long batches;

	private long dropped;

	Recordings(int capacity) {
		this.capacity = capacity;
	}

	synchronized void event(RecordedEvent event) {
		add(this.events, event);
	}

	/** Starts a new batch call; its items are recorded with the number returned. */
	synchronized long nextBatch() {
		return ++this.batches;
	}

	synchronized void batchItem(RecordedBatchItem item) {
		add(this.batchItems, item);
	}

	synchronized void send(RecordedSend send) {
		add(this.sends, send);
	}

	synchronized void broadcast(RecordedBroadcast broadcast) {
		add(this.broadcasts, broadcast);
	}

	synchronized void pipelinesMessage(RecordedPipelinesMessage message) {
		add(this.pipelinesMessages, message);
	}

	synchronized void addDevice(RecordedDevice device) {
		Map<String, RecordedDevice> personDevices = this.devices.computeIfAbsent(device.person(),
				(person) -> new LinkedHashMap<>());
		if (personDevices.containsKey(device.token()) || this.deviceCount < this.capacity) {
			if (personDevices.put(device.token(), device) == null) {
				this.deviceCount++;
			}
		}
		else {
			this.dropped++;
		}
	}

	synchronized void deleteDevice(String person, String token) {
		Map<String, RecordedDevice> personDevices = this.devices.get(person);
		if (personDevices != null && personDevices.remove(token) != null) {
			this.deviceCount--;
		}
	}

	synchronized void suppress(String person) {
		if (this.suppressed.size() < this.capacity) {
			this.suppressed.add(person);
		}
		else {
			this.dropped++;
		}
	}

	synchronized void unsuppress(String person) {
		this.suppressed.remove(person);
	}

	synchronized List<RecordedEvent> events(Predicate<RecordedEvent> filter) {
		return this.events.stream().filter(filter).toList();
	}

	synchronized List<RecordedBatchItem> batchItems() {
		return List.copyOf(this.batchItems);
	}

	synchronized List<RecordedSend> sends() {
		return List.copyOf(this.sends);
	}

	synchronized List<RecordedBroadcast> broadcasts() {
		return List.copyOf(this.broadcasts);
	}

	synchronized List<RecordedPipelinesMessage> pipelinesMessages() {
		return List.copyOf(this.pipelinesMessages);
	}

	synchronized List<RecordedDevice> devices(String person) {
		Map<String, RecordedDevice> personDevices = this.devices.get(person);
		return (personDevices != null) ? List.copyOf(personDevices.values()) : List.of();
	}

	synchronized Set<String> suppressed() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.suppressed));
	}

	/** How many records were not kept because their kind was at capacity. */
	synchronized long dropped() {
		return this.dropped;
	}

	synchronized void clear() {
		this.events.clear();
		this.batchItems.clear();
		this.sends.clear();
		this.broadcasts.clear();
		this.pipelinesMessages.clear();
		this.devices.clear();
		this.deviceCount = 0;
		this.suppressed.clear();
		this.batches = 0;
		this.dropped = 0;
	}

	private <T> void add(List<T> records, T record) {
		if (records.size() < this.capacity) {
			records.add(record);
		}
		else {
			this.dropped++;
		}
	}

	/** An unmodifiable copy that keeps the order and allows {@code null} values; empty for {@code null}. */
	static Map<String, Object> copy(Map<String, Object> map) {
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : Map.of();
	}

}
