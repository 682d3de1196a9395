package io.github.ciospring.customerio.test.sandbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How a {@link CustomerIoSandbox} behaves. {@link #defaults()} gives Customer.io's documented limits; the
 * {@link Builder} changes any of them.
 *
 * @param port the port to listen on, 0 for a random free one; the sandbox always binds to 127.0.0.1
 * @param workspaces the workspaces whose credentials are accepted
 * @param limits the sliding-window limit of each group, per workspace; a group left out is not limited
 * @param nanoClock the clock the limits and the statistics time requests on, in nanoseconds
 * @param requestJournalSize how many requests WireMock's own journal keeps (for WireMock's {@code verify});
 * 0 turns the journal off, so long load runs use no memory for it
 * @param containerThreads the size of the server's request thread pool
 * @param maxRecordedTimestamps how many request times the statistics keep per API (the latest are kept)
 * @param maxTrackedEventIds how many distinct event ids the statistics remember per API to count duplicates
 * @param maxStoredPeople how many identified people the sandbox remembers for the App API's lookups
 * @param maxRecordedOperations how many records of each kind (events, batch items, sends, ...) the sandbox keeps
 * for tests to query; later ones are counted but not kept
 * @param rejectOversizePipelines whether an oversize Data Pipelines call gets a 400; Customer.io answers 200 and
 * silently drops it, which is the default here too (the drop is counted in the statistics)
 */
public record SandboxConfig(int port, List<SandboxWorkspace> workspaces, Map<LimitGroup, SlidingWindow> limits,
		LongSupplier nanoClock, int requestJournalSize, int containerThreads, int maxRecordedTimestamps,
		int maxTrackedEventIds, int maxStoredPeople, int maxRecordedOperations, boolean rejectOversizePipelines) {

	/** Track: 100 per second (Customer.io's guides). */
	public static final SlidingWindow TRACK_LIMIT = SlidingWindow.perSecond(100);

	/** App API lookups and exports: 10 per second. */
	public static final SlidingWindow APP_LIMIT = SlidingWindow.perSecond(10);

	/** Transactional sends: the soft 3000 per 3 seconds. */
	public static final SlidingWindow TRANSACTIONAL_LIMIT = SlidingWindow.of(3000, Duration.ofSeconds(3));

	/** Broadcast triggers: 1 per 10 seconds. */
	public static final SlidingWindow BROADCAST_LIMIT = SlidingWindow.of(1, Duration.ofSeconds(10));

	/** Data Pipelines: the soft 3000 per 3 seconds. */
	public static final SlidingWindow PIPELINES_LIMIT = SlidingWindow.of(3000, Duration.ofSeconds(3));

	public SandboxConfig {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be 0..65535, was " + port);
		}
		workspaces = List.copyOf(workspaces);
		if (workspaces.isEmpty()) {
			throw new IllegalArgumentException("at least one workspace is needed");
		}
		limits = Map.copyOf(limits);
		if (nanoClock == null) {
			throw new IllegalArgumentException("nanoClock must not be null");
		}
		requireAtLeast("requestJournalSize", requestJournalSize, 0);
		requireAtLeast("containerThreads", containerThreads, 8);
		requireAtLeast("maxRecordedTimestamps", maxRecordedTimestamps, 1);
		requireAtLeast("maxTrackedEventIds", maxTrackedEventIds, 0);
		requireAtLeast("maxStoredPeople", maxStoredPeople, 0);
		requireAtLeast("maxRecordedOperations", maxRecordedOperations, 0);
	}

	private static void requireAtLeast(String field, int value, int min) {
		if (value < min) {
			throw new IllegalArgumentException(field + " must be at least " + min + ", was " + value);
		}
	}

	/** Customer.io's documented limits, the {@link SandboxWorkspace#DEFAULT default workspace}, a random port. */
	public static SandboxConfig defaults() {
		return builder().build();
	}

	public static Builder builder() {
		return new Builder();
	}

	/** A builder starting from this configuration. */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.port = this.port;
		builder.workspaces = this.workspaces;
		builder.limits.clear();
		builder.limits.putAll(this.limits);
		builder.nanoClock = this.nanoClock;
		builder.requestJournalSize = this.requestJournalSize;
		builder.containerThreads = this.containerThreads;
		builder.maxRecordedTimestamps = this.maxRecordedTimestamps;
		builder.maxTrackedEventIds = this.maxTrackedEventIds;
		builder.maxStoredPeople = this.maxStoredPeople;
		builder.maxRecordedOperations = this.maxRecordedOperations;
		builder.rejectOversizePipelines = this.rejectOversizePipelines;
		return builder;
	}

	/** The default workspace's credentials, or the first configured workspace's. */
	public SandboxWorkspace workspace() {
		return this.workspaces.get(0);
	}

	/** Builds a {@link SandboxConfig}; every setting starts at its default. */
	public static final class Builder {

		private int port;

		private List<SandboxWorkspace> workspaces = List.of(SandboxWorkspace.DEFAULT);

		private final Map<LimitGroup, SlidingWindow> limits = new EnumMap<>(Map.of(LimitGroup.TRACK, TRACK_LIMIT,
				LimitGroup.APP, APP_LIMIT, LimitGroup.TRANSACTIONAL, TRANSACTIONAL_LIMIT, LimitGroup.BROADCAST,
				BROADCAST_LIMIT, LimitGroup.PIPELINES, PIPELINES_LIMIT));

		private LongSupplier nanoClock = System::nanoTime;

		private int requestJournalSize;

		private int containerThreads = 64;

		private int maxRecordedTimestamps = 1_000_000;

		private int maxTrackedEventIds = 1_000_000;

		private int maxStoredPeople = 100_000;

		private int maxRecordedOperations = 100_000;

		private boolean rejectOversizePipelines;

		private Builder() {
		}

		public Builder port(int port) {
			this.port = port;
			return this;
		}

		public Builder workspaces(SandboxWorkspace... workspaces) {
			this.workspaces = List.of(workspaces);
			return this;
		}

		/** Sets one group's limit. */
		public Builder limit(LimitGroup group, SlidingWindow limit) {
			this.limits.put(group, limit);
			return this;
		}

		/** Lifts one group's limit. */
		public Builder unlimited(LimitGroup group) {
			this.limits.remove(group);
			return this;
		}

		public Builder nanoClock(LongSupplier nanoClock) {
			this.nanoClock = nanoClock;
			return this;
		}

		public Builder requestJournalSize(int requestJournalSize) {
			this.requestJournalSize = requestJournalSize;
			return this;
		}

		public Builder containerThreads(int containerThreads) {
			this.containerThreads = containerThreads;
			return this;
		}

		public Builder maxRecordedTimestamps(int maxRecordedTimestamps) {
			this.maxRecordedTimestamps = maxRecordedTimestamps;
			return this;
		}

		public Builder maxTrackedEventIds(int maxTrackedEventIds) {
			this.maxTrackedEventIds = maxTrackedEventIds;
			return this;
		}

		public Builder maxStoredPeople(int maxStoredPeople) {
			this.maxStoredPeople = maxStoredPeople;
			return this;
		}

		public Builder maxRecordedOperations(int maxRecordedOperations) {
			this.maxRecordedOperations = maxRecordedOperations;
			return this;
		}

		public Builder rejectOversizePipelines(boolean rejectOversizePipelines) {
			this.rejectOversizePipelines = rejectOversizePipelines;
			return this;
		}

		public SandboxConfig build() {
			return new SandboxConfig(this.port, this.workspaces, this.limits, this.nanoClock, this.requestJournalSize,
					this.containerThreads, this.maxRecordedTimestamps, this.maxTrackedEventIds, this.maxStoredPeople,
					this.maxRecordedOperations, this.rejectOversizePipelines);
		}

	}

}
