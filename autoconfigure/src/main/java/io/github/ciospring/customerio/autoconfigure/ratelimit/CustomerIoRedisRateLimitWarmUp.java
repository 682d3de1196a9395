package io.github.ciospring.customerio.autoconfigure.ratelimit;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.ciospring.customerio.resilience.redis.RedisRateLimiter;
import io.github.ciospring.customerio.resilience.redis.RedisRateLimiterFactory;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;

/**
 * Before the application reports ready, opens the connection to Redis and loads the shared limiters' scripts
 * ({@link RedisRateLimiter#warmUp()}), so that the first permits are short round trips and a cold connection is not
 * taken for Redis being down. Waits at most {@code timeout}; a Redis that does not answer delays start-up by no
 * more, and is left to the limiters' fallback.
 */
class CustomerIoRedisRateLimitWarmUp implements SmartLifecycle {

	private final Supplier<RedisRateLimiterFactory> limiters;

	private final Duration timeout;

	private volatile boolean running;

	CustomerIoRedisRateLimitWarmUp(Supplier<RedisRateLimiterFactory> limiters, Duration timeout) {
		this.limiters = limiters;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		RedisRateLimiterFactory factory = this.limiters.get();
		if (factory != null) {
			Flux.fromIterable(factory.limiters().values())
				.flatMap(RedisRateLimiter::warmUp)
				.then()
				.timeout(this.timeout)
				.onErrorComplete()
				.block();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
