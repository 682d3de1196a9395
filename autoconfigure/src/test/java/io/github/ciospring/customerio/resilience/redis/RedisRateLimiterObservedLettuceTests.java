package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.support.TestRedis;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.tracing.LettuceObservationContext;
import io.lettuce.core.tracing.MicrometerTracing;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Redis commands observed as Spring Boot sets it up when an {@code ObservationRegistry} is present (Lettuce's
 * {@link MicrometerTracing}, a meter handler): a round trip that timed out is cancelled, and Lettuce stops the
 * command's observation in the cancelling thread; when the event loop was still starting that observation (a
 * starved CPU), the meter handler finds no {@code Timer.Sample} and throws. That is Lettuce's observation failing,
 * not Redis, and must never fail a caller's permit. The race is made certain here by holding the observation's start
 * on the event loop until the caller has given up.
 */
class RedisRateLimiterObservedLettuceTests {

	private TestRedis redis;

	private LettuceConnectionFactory connection;

	private ClientResources resources;

	private final AtomicBoolean holdNextStart = new AtomicBoolean();

	private final CountDownLatch release = new CountDownLatch(1);

	@BeforeEach
	void start() {
		this.redis = TestRedis.start();
		ObservationRegistry observations = ObservationRegistry.create();
		// handlers start in order: the first holds the start before the meter handler has put its Timer.Sample
		observations.observationConfig().observationHandler(new HoldingStart());
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		this.resources = ClientResources.builder().tracing(new MicrometerTracing(observations, "redis")).build();
		this.connection = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.redis.host(), this.redis.port()),
				LettuceClientConfiguration.builder().clientResources(this.resources).build());
		this.connection.afterPropertiesSet();
		this.connection.start();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.connection.destroy();
		this.resources.shutdown(0, 1, TimeUnit.SECONDS);
		this.redis.close();
	}

	@Test
	void permitIsGrantedWhenCancellingATimedOutRoundTripFailsInLettucesObservation() {
		RedisRateLimiterFactory factory = new RedisRateLimiterFactory(new ReactiveStringRedisTemplate(this.connection),
				"test", (api) -> UUID.randomUUID().toString(),
				new RedisLimiterSettings(Duration.ofMillis(100), 0.5, Duration.ofHours(1)), System::nanoTime, null);
		RedisRateLimiter limiter = factory.create("customerio-track", "track",
				new RateLimitSettings(1000, 1, Duration.ofSeconds(5)), Map.of());
		assertThat(limiter.reservePermission(1)).isGreaterThanOrEqualTo(0);
		this.holdNextStart.set(true);
		try {
			assertThatNoException()
				.isThrownBy(() -> assertThat(limiter.reservePermission(1)).isGreaterThanOrEqualTo(0));
		}
		finally {
			this.release.countDown();
		}
	}

	/** Holds, once armed, the next Redis command's observation start on the event loop until released. */
	private final class HoldingStart implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			if (holdNextStart.compareAndSet(true, false)) {
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof LettuceObservationContext;
		}

	}

}
