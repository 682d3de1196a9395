package io.github.ciospring.customerio.resilience;

import io.github.resilience4j.core.EventConsumer;
import io.github.resilience4j.core.EventProcessor;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.event.RateLimiterEvent;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnFailureEvent;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnSuccessEvent;

/**
 * The event publisher of a limiter, on Resilience4j's public {@link EventProcessor}: consumers registered with
 * {@link #onEvent}, {@link #onSuccess} or {@link #onFailure} (by Resilience4j's events endpoint, for example) get
 * each permit granted or refused.
 */
final class RateLimiterEvents extends EventProcessor<RateLimiterEvent> implements RateLimiter.EventPublisher {

	/**
	 * Tells the consumers, if any, that permits were granted or refused.
	 * @param limiterName the limiter's name
	 * @param permits how many permits were asked for
	 * @param granted whether they were granted
	 */
	void publish(String limiterName, int permits, boolean granted) {
		if (hasConsumers()) {
			processEvent(granted ? new RateLimiterOnSuccessEvent(limiterName, permits)
					: new RateLimiterOnFailureEvent(limiterName, permits));
		}
	}

	@Override
	public RateLimiter.EventPublisher onSuccess(EventConsumer<RateLimiterOnSuccessEvent> consumer) {
		registerConsumer(RateLimiterOnSuccessEvent.class.getName(), consumer);
		return this;
	}

	@Override
	public RateLimiter.EventPublisher onFailure(EventConsumer<RateLimiterOnFailureEvent> consumer) {
		registerConsumer(RateLimiterOnFailureEvent.class.getName(), consumer);
		return this;
	}

}
