package io.github.ciospring.customerio.resilience;

import java.time.Duration;

/**
 * Told when Customer.io answers an attempt with 429, before the attempt is retried, and when it accepts one.
 */
@FunctionalInterface
public interface RateLimitedListener {

	/**
	 * @param retryAfter the delay Customer.io asked for, already capped, or {@code null} when it sent none
	 */
	void onRateLimited(Duration retryAfter);

	/** Customer.io accepted an attempt (answered it other than 429): a measurement of the capacity left to us. */
	default void onAccepted() {
	}

	/** A listener that does nothing. */
	static RateLimitedListener none() {
		return (retryAfter) -> {
		};
	}

}
