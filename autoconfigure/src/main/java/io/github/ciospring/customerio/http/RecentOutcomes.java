package io.github.ciospring.customerio.http;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the latest HTTP attempts of each API instance answered, for health and the actuator endpoint: when the
 * last success and the last failure were, and whether Customer.io rejected the credentials (401 or 403) more
 * recently than it accepted a call. Holds statuses, operation names and times only: never a request, a header
 * or a key.
 */
public final class RecentOutcomes {

	private final Clock clock;

	private final ConcurrentMap<String, ApiState> states = new ConcurrentHashMap<>();

	public RecentOutcomes(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Records one attempt's answer.
	 * @param api the API instance, for example {@code track}
	 * @param operation the operation, for example {@code identify}
	 * @param status the HTTP status, or 0 when no answer came back
	 */
	public void record(String api, String operation, int status) {
		this.states.computeIfAbsent(api, (name) -> new ApiState()).record(operation, status, this.clock.instant());
	}

	/** The state of every API instance that has made at least one attempt, by API name. */
	public Map<String, Snapshot> snapshot() {
		Map<String, Snapshot> snapshot = new TreeMap<>();
		this.states.forEach((api, state) -> snapshot.put(api, state.snapshot()));
		return snapshot;
	}

	/** The state of one API instance; {@link Snapshot#NONE} when it has made no attempt yet. */
	public Snapshot snapshot(String api) {
		ApiState state = this.states.get(api);
		return (state != null) ? state.snapshot() : Snapshot.NONE;
	}

	/**
	 * One API instance's recent outcomes.
	 *
	 * @param lastSuccess when a 2xx last came back, or {@code null}
	 * @param lastFailure when an attempt last failed (non-2xx or no answer), or {@code null}
	 * @param lastFailureStatus the status of that failure, 0 when no answer came back
	 * @param lastFailureOperation the operation of that failure, or {@code null}
	 * @param credentialsRejected whether the latest 401/403 is more recent than the latest success
	 * @param lastRejection when a 401 or 403 last came back, or {@code null}
	 * @param lastRejectionStatus 401 or 403, 0 when none came back
	 */
	public record Snapshot(Instant lastSuccess, Instant lastFailure, int lastFailureStatus, String lastFailureOperation,
			boolean credentialsRejected, Instant lastRejection, int lastRejectionStatus) {

		/** No attempt recorded. */
		public static final Snapshot NONE = new Snapshot(null, null, 0, null, false, null, 0);

	}

	private static final class ApiState {

		private Instant lastSuccess;

		private Instant lastFailure;

		private int lastFailureStatus;

		private String lastFailureOperation;

		private boolean credentialsRejected;

		private Instant lastRejection;

		private int lastRejectionStatus;

		synchronized void record(String operation, int status, Instant now) {
			if (status >= 200 && status < 300) {
				this.lastSuccess = now;
				this.credentialsRejected = false;
				return;
			}
			this.lastFailure = now;
			this.lastFailureStatus = Math.max(status, 0);
			this.lastFailureOperation = operation;
			if (status == 401 || status == 403) {
				this.credentialsRejected = true;
				this.lastRejection = now;
				this.lastRejectionStatus = status;
			}
		}

		synchronized Snapshot snapshot() {
			return new Snapshot(this.lastSuccess, this.lastFailure, this.lastFailureStatus, this.lastFailureOperation,
					this.credentialsRejected, this.lastRejection, this.lastRejectionStatus);
		}

	}

}
