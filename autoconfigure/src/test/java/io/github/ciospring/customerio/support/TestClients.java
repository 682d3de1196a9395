package io.github.ciospring.customerio.support;

import java.time.Clock;
import java.time.Duration;

import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.resilience.RetrySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds clients by hand, as a user without auto-configuration would, pointed at a local server.
 */
public final class TestClients {

	public static final String SITE_ID = "test-site";

	public static final String API_KEY = "test-api-key-0123456789";

	private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final ApiResilienceFactory resilienceFactory = ApiResilienceFactory.standalone();

	public MeterRegistry meterRegistry() {
		return this.meterRegistry;
	}

	public ApiResilienceFactory resilienceFactory() {
		return this.resilienceFactory;
	}

	public CustomerIoHttpClient http(String baseUrl, Authentication authentication) {
		return CustomerIoHttpClient.create(WebClient.builder(),
				new ConnectionSettings(baseUrl, authentication, Duration.ofSeconds(2), Duration.ofSeconds(5)),
				new JsonCodec(), new CustomerIoMeters(this.meterRegistry), Clock.systemUTC());
	}

	/** Fast retries (1 ms backoff) so retry tests do not wait. */
	public static RetrySettings quickRetries(int maxAttempts, RetryOn retryOn) {
		return new RetrySettings(maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
				retryOn);
	}

	public ApiResilience resilience(String api, double permitsPerSecond, RetrySettings retry) {
		return this.resilienceFactory.create(api, new RateLimitSettings(permitsPerSecond, 1, Duration.ofSeconds(30)),
				retry);
	}

}
