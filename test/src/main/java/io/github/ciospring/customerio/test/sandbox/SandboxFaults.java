package io.github.ciospring.customerio.test.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Faults a test injects into a {@link CustomerIoSandbox}, per API: a rate limit of its own, failing the next calls
 * with a status (and a {@code Retry-After}), latency, connection resets, rejected credentials, and rejecting chosen
 * items of the next Track v2 batch with a 207. Faults apply on top of the sandbox's documented limits and checks,
 * in this order: latency, connection reset, rejected credentials (then the real credential check), failing calls,
 * the injected rate limit, the documented limits. {@link #clear()} (and {@link CustomerIoSandbox#reset()}) lifts
 * them all. Thread-safe.
 */
public final class SandboxFaults {

	private final LongSupplier nanoClock;

	private final Map<SandboxApi, ApiFaults> apis = new EnumMap<>(SandboxApi.class);

	private BatchRejection batchRejection = BatchRejection.NONE;

	SandboxFaults(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
		for (SandboxApi api : SandboxApi.values()) {
			this.apis.put(api, new ApiFaults());
		}
	}

	/**
	 * Limits an API to at most {@code limit.limit()} requests in any window of {@code limit.window()}, on top of
	 * the documented limits: requests beyond it get a 429 with a {@code Retry-After} (whole seconds until a request
	 * would be admitted, at least 1).
	 */
	public SandboxFaults rateLimit(SandboxApi api, SlidingWindow limit) {
		ApiFaults faults = this.apis.get(api);
		synchronized (faults) {
			// one limiter per API: its single group (TRACK, whatever the API) stands for all of the API's calls
			faults.limiter = new SlidingWindowLimiter(Map.of(LimitGroup.TRACK, limit), this.nanoClock);
		}
		return this;
	}

	/** Answers the API's next {@code times} requests with {@code status} and no {@code Retry-After}. */
	public SandboxFaults failNext(SandboxApi api, int times, int status) {
		return failNext(api, times, status, null);
	}

	/**
	 * Answers the API's next {@code times} requests with {@code status} and, unless {@code retryAfter} is
	 * {@code null}, a {@code Retry-After} of that many whole seconds (rounded up).
	 */
	public SandboxFaults failNext(SandboxApi api, int times, int status, Duration retryAfter) {
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1, was " + times);
		}
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("status must be 100..599, was " + status);
		}
		if (retryAfter != null && retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
		}
		Failure failure = new Failure(status, (retryAfter != null) ? seconds(retryAfter) : null);
		ApiFaults faults = this.apis.get(api);
		synchronized (faults) {
			for (int i = 0; i < times; i++) {
				faults.failures.add(failure);
			}
		}
		return this;
	}

	/** Delays every answer of the API by {@code latency}; {@link Duration#ZERO} removes the delay. */
	public SandboxFaults latency(SandboxApi api, Duration latency) {
		if (latency == null || latency.isNegative()) {
			throw new IllegalArgumentException("latency must be zero or positive, was " + latency);
		}
		ApiFaults faults = this.apis.get(api);
		synchronized (faults) {
			faults.latency = latency;
		}
		return this;
	}

	/** Resets the connection (TCP RST, no HTTP answer) of the API's next {@code times} requests. */
	public SandboxFaults resetConnections(SandboxApi api, int times) {
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1, was " + times);
		}
		ApiFaults faults = this.apis.get(api);
		synchronized (faults) {
			faults.resets += times;
		}
		return this;
	}

	/** Answers every request of the API 401, whatever credentials it carries, until cleared. */
	public SandboxFaults rejectCredentials(SandboxApi api) {
		ApiFaults faults = this.apis.get(api);
		synchronized (faults) {
			faults.rejectCredentials = true;
		}
		return this;
	}

	/**
	 * Rejects the items at these {@code batch_index}es of the next Track {@code /api/v2/batch} call, whatever they
	 * hold: the call is answered 207 listing them, and its other items are accepted.
	 */
	public SandboxFaults rejectBatchItems(int... indexes) {
		return rejectBatchItems("invalid", "", "rejected by the sandbox, as the test asked", indexes);
	}

	/**
	 * Rejects the items at these {@code batch_index}es of the next Track {@code /api/v2/batch} call with the given
	 * error, as Customer.io lists it in a 207 answer: {@code {"batch_index", "reason", "field", "message"}}.
	 */
	public synchronized SandboxFaults rejectBatchItems(String reason, String field, String message,
			int... indexes) {
		Set<Integer> rejections = new TreeSet<>();
		for (int index : indexes) {
			if (index < 0) {
				throw new IllegalArgumentException("batch indexes must not be negative, was " + index);
			}
			rejections.add(index);
		}
		this.batchRejection = new BatchRejection(rejections, reason, field, message);
		return this;
	}

	/** Lifts every fault. */
	public void clear() {
		for (ApiFaults faults : this.apis.values()) {
			synchronized (faults) {
				faults.clear();
			}
		}
		synchronized (this) {
			this.batchRejection = BatchRejection.NONE;
		}
	}

	Duration latency(SandboxApi api) {
		ApiFaults faults = this.apis.get(api);
		synchronized (faults) {
			return faults.latency;
		}
	}

	/** Whether this request's connection is to be reset; counts it down. */
	boolean takeReset(SandboxApi api) {
		ApiFaults faults = this.apis.get(api);
		synchronized (faults) {
			if (faults.resets == 0) {
				return false;
			}
			faults.resets--;
			return true;
		}
	}

	boolean credentialsRejected(SandboxApi api) {
		ApiFaults faults = this.apis.get(api);
		synchronized (faults) {
			return faults.rejectCredentials;
		}
	}

	/** The failure this request is to get, if any; counts it down. */
	Optional<Failure> takeFailure(SandboxApi api) {
		ApiFaults faults = this.apis.get(api);
		synchronized (faults) {
			return Optional.ofNullable(faults.failures.poll());
		}
	}

	/** Whether the injected rate limit admits this request; admitted when there is none. */
	SlidingWindowLimiter.Decision tryAcquire(SandboxApi api) {
		ApiFaults faults = this.apis.get(api);
		SlidingWindowLimiter limiter;
		synchronized (faults) {
			limiter = faults.limiter;
		}
		return (limiter != null) ? limiter.tryAcquire(api.name(), LimitGroup.TRACK)
				: new SlidingWindowLimiter.Decision(true, 0, 0);
	}

	Optional<SlidingWindow> rateLimit(SandboxApi api) {
		ApiFaults faults = this.apis.get(api);
		synchronized (faults) {
			return (faults.limiter != null) ? faults.limiter.limitOf(LimitGroup.TRACK) : Optional.empty();
		}
	}

	/** The batch items to reject in this batch call; clears them, so they apply to one call. */
	synchronized BatchRejection takeBatchRejection() {
		BatchRejection rejection = this.batchRejection;
		this.batchRejection = BatchRejection.NONE;
		return rejection;
	}

	private static long seconds(Duration duration) {
		long seconds = duration.getSeconds();
		return (duration.getNano() > 0) ? seconds + 1 : seconds;
	}

	/**
	 * An injected failure.
	 *
	 * @param status the status to answer
	 * @param retryAfterSeconds the {@code Retry-After} to send, {@code null} for none
	 */
	record Failure(int status, Long retryAfterSeconds) {

	}

	/**
	 * Which items of a batch to reject, and with which error.
	 *
	 * @param indexes the {@code batch_index}es to reject
	 * @param reason the error's {@code reason}
	 * @param field the error's {@code field}
	 * @param message the error's {@code message}
	 */
	record BatchRejection(Set<Integer> indexes, String reason, String field, String message) {

		static final BatchRejection NONE = new BatchRejection(Set.of(), "", "", "");

		BatchRejection {
			indexes = Set.copyOf(indexes);
		}

	}

	/** One API's faults; guarded by its own monitor. */
	private static final class ApiFaults {

		private final Deque<Failure> failures = new ArrayDeque<>();

		private SlidingWindowLimiter limiter;

		private Duration latency = Duration.ZERO;

		private int resets;

		private boolean rejectCredentials;

		void clear() {
			this.failures.clear();
			this.limiter = null;
			this.latency = Duration.ZERO;
			this.resets = 0;
			this.rejectCredentials = false;
		}

	}

}
