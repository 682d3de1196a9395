package io.github.ciospring.customerio.support;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

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
import io.github.ciospring.customerio.track.TrackClient;
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
		return http(baseUrl, authentication, Clock.systemUTC());
	}

	/** A client whose clock (used to read {@code Retry-After} dates) is the given one. */
	public CustomerIoHttpClient http(String baseUrl, Authentication authentication, Clock clock) {
		return CustomerIoHttpClient.create(WebClient.builder(),
				new ConnectionSettings(baseUrl, authentication, Duration.ofSeconds(2), Duration.ofSeconds(5)),
				new JsonCodec(), new CustomerIoMeters(this.meterRegistry), clock);
	}

	/** The {@code Authorization} header the Track API gets: Basic base64(site id:API key). */
	public static String trackAuthorization() {
		return "Basic " + Base64.getEncoder()
			.encodeToString((SITE_ID + ":" + API_KEY).getBytes(StandardCharsets.UTF_8));
	}

	/** A Track client with its own limiter (free permits) and the given retry, pointed at a local server. */
	public TrackClient track(String baseUrl, RetrySettings retry) {
		return new TrackClient(http(baseUrl, Authentication.basic(SITE_ID, API_KEY)), resilience("track", 10_000, retry));
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
