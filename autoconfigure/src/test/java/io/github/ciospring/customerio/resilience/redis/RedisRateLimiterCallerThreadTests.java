package io.github.ciospring.customerio.resilience.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.ciospring.customerio.http.ApiRequest;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.support.TestRedis;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call made from a reactive pipeline takes its shared permit without blocking the thread it was made on: a
 * Redis I/O thread (an app that read Redis, then calls Customer.io) must stay free to read the permit's answer.
 */
class RedisRateLimiterCallerThreadTests {

	private TestRedis redis;

	private LettuceConnectionFactory connection;

	@BeforeEach
	void start() {
		this.redis = TestRedis.start();
		this.connection = this.redis.connectionFactory();
	}

	@AfterEach
	void stop() {
		this.connection.destroy();
		this.redis.close();
	}

	@Test
	void callMadeOnARedisIoThreadTakesItsPermitFromRedis() {
		ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(this.connection);
		RedisRateLimiterFactory factory = new RedisRateLimiterFactory(template, "test",
				(api) -> UUID.randomUUID().toString(),
				new RedisLimiterSettings(Duration.ofMillis(500), 0.5, Duration.ofHours(1)), System::nanoTime, null);
		RedisRateLimiter limiter = factory.create("customerio-track", "track",
				new RateLimitSettings(1000, 1, Duration.ofSeconds(5)), Map.of());
		ApiResilience resilience = new ApiResilience("track", limiter,
				Retry.of("customerio-track", RetryConfig.custom().maxAttempts(1).build()));
		WebClient webClient = WebClient.builder()
			.exchangeFunction((request) -> Mono.just(ClientResponse.create(HttpStatus.OK).build()))
			.build();
		CustomerIoHttpClient http = new CustomerIoHttpClient(webClient, Duration.ofSeconds(5), new JsonCodec(),
				new CustomerIoMeters(new SimpleMeterRegistry()), Clock.systemUTC());
		ApiRequest<Void> request = ApiRequest.withoutResponse("identify", HttpMethod.PUT, "/api/v1/customers/1",
				Map.of(), null);
		String key = "test:" + UUID.randomUUID();

		template.opsForValue()
			.set(key, "1")
			.then(template.opsForValue().get(key)) // answered, and so continued, on a Redis I/O thread
			.flatMap((value) -> http.exchange(resilience, request))
			.block(Duration.ofSeconds(10));

		assertThat(limiter.mode()).isEqualTo(RedisRateLimiter.Mode.REDIS);
		assertThat(limiter.lastFailure()).isNull();
	}

}
