package io.github.ciospring.customerio.resilience;

import java.util.function.DoubleSupplier;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;

/**
 * Backoff between attempts: the {@code Retry-After} Customer.io asked for when it sent one (cut to the settings'
 * {@code maxRetryAfter}), else "full jitter" exponential backoff, a uniformly random wait between 0 and
 * {@code min(max, initial * 2^(retry-1))}.
 */
public final class FullJitterBackoff implements IntervalBiFunction<Object> {

	private final long initialMillis;

	private final long maxMillis;

	private final long maxRetryAfterMillis;

	private final DoubleSupplier random;

	/**
	 * @param settings the backoff bounds
	 * @param random uniform values in {@code [0, 1)}
	 */
	public FullJitterBackoff(RetrySettings settings, DoubleSupplier random) {
		this.initialMillis = settings.initialBackoff().toMillis();
		this.maxMillis = settings.maxBackoff().toMillis();
		this.maxRetryAfterMillis = settings.maxRetryAfter().toMillis();
		this.random = random;
	}

	@Override
	public Long apply(Integer attempt, Either<Throwable, Object> outcome) {
		if (outcome != null && outcome.isLeft() && outcome.getLeft() instanceof CustomerIoApiException api
				&& api.getRetryAfter().isPresent()) {
			return Math.min(api.getRetryAfter().get().toMillis(), this.maxRetryAfterMillis);
		}
		return Math.round(this.random.getAsDouble() * ceiling(attempt));
	}

	long ceiling(int attempt) {
		int doublings = Math.min(Math.max(attempt - 1, 0), 30);
		return Math.min(this.maxMillis, this.initialMillis << doublings);
	}

}
