package io.github.ciospring.sample.importer;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.ciospring.customerio.delivery.DeliveryFailure;
import io.github.ciospring.customerio.delivery.DeliveryFailureHandler;

/**
 * The sample app's {@link DeliveryFailureHandler}: counts the operations that finally failed by reason (kind,
 * status, Customer.io's reason code and field), so the import report can say why, and hands each to a delegate
 * (the starter's logging handler). Keeps no identifiers or attribute values, and at most {@value #MAX_REASONS}
 * distinct reasons.
 */
public class FailureTally implements DeliveryFailureHandler {

	static final int MAX_REASONS = 100;

	private static final FailureReason OTHER = new FailureReason("OTHER", 0, null, null);

	private final Map<FailureReason, LongAdder> counts = new ConcurrentHashMap<>();

	private final DeliveryFailureHandler delegate;

	private final Object monitor = new Object();

	private long total;

	public FailureTally(DeliveryFailureHandler delegate) {
		this.delegate = delegate;
	}

	@Override
	public void onFailure(DeliveryFailure failure) {
		FailureReason reason = FailureReason.of(failure);
		if (!this.counts.containsKey(reason) && this.counts.size() >= MAX_REASONS) {
			reason = OTHER;
		}
		this.counts.computeIfAbsent(reason, (key) -> new LongAdder()).increment();
		synchronized (this.monitor) {
			this.total++;
			this.monitor.notifyAll();
		}
		this.delegate.onFailure(failure);
	}

	/** Failures counted so far. */
	public long total() {
		synchronized (this.monitor) {
			return this.total;
		}
	}

	/**
	 * Waits until at least {@code count} failures have been counted in all. The queue calls its failure handler
	 * on another thread, after an operation's outcome is known, so a report waits for it here.
	 * @param count the total to wait for
	 * @param timeout how long to wait at most
	 * @return whether the total was reached
	 */
	public boolean awaitTotal(long count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.total < count) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
			}
			return true;
		}
	}

	/** The failures counted so far, by reason. */
	public Map<FailureReason, Long> snapshot() {
		Map<FailureReason, Long> snapshot = new TreeMap<>();
		this.counts.forEach((reason, count) -> snapshot.put(reason, count.sum()));
		return snapshot;
	}

	/** The failures counted since {@code before} was taken, by reason. */
	public Map<FailureReason, Long> since(Map<FailureReason, Long> before) {
		Map<FailureReason, Long> since = new TreeMap<>();
		snapshot().forEach((reason, count) -> {
			long added = count - before.getOrDefault(reason, 0L);
			if (added > 0) {
				since.put(reason, added);
			}
		});
		return since;
	}

	/**
	 * Why operations failed, without personal data.
	 *
	 * @param kind the failure's kind, for example {@code ITEM_REJECTED}
	 * @param statusCode the HTTP status that settled it, 0 when no answer came
	 * @param reason Customer.io's reason code, if any
	 * @param field the field Customer.io found at fault, if any
	 */
	public record FailureReason(String kind, int statusCode, String reason, String field)
			implements Comparable<FailureReason> {

		static FailureReason of(DeliveryFailure failure) {
			return new FailureReason(failure.kind().name(), failure.statusCode(), failure.reason(), failure.field());
		}

		@Override
		public int compareTo(FailureReason other) {
			return toString().compareTo(other.toString());
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder(this.kind);
			if (this.statusCode != 0) {
				text.append(" (HTTP ").append(this.statusCode).append(')');
			}
			if (this.reason != null) {
				text.append(" reason=").append(this.reason);
			}
			if (this.field != null) {
				text.append(" field=").append(this.field);
			}
			return text.toString();
		}

	}

}
