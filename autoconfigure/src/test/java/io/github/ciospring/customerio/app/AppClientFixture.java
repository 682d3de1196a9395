package io.github.ciospring.customerio.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.resilience.RetrySettings;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds an {@link AppClient} by hand, as a user without auto-configuration would, pointed at a local server.
 * Defaults: generous rates, fast retries (1 ms backoff), sends retried only when surely undelivered.
 */
final class AppClientFixture {

	static final String API_KEY = "app-key-0123456789";

	private final String baseUrl;

	private Map<String, String> headers = Map.of();

	private Duration responseTimeout = Duration.ofSeconds(5);

	private WebClient.Builder webClient = WebClient.builder();

	private LongSupplier nanoClock = System::nanoTime;

	private RateLimitSettings appRate = new RateLimitSettings(1000, 1, Duration.ofSeconds(5));

	private RateLimitSettings transactionalRate = new RateLimitSettings(1000, 1, Duration.ofSeconds(5));

	private RateLimitSettings broadcastsRate = new RateLimitSettings(1000, 1, Duration.ofSeconds(5));

	private RetryOn appRetryOn = RetryOn.TRANSIENT_FAILURES;

	private RetryOn transactionalRetryOn = RetryOn.SURELY_UNDELIVERED;

	private RetryOn broadcastsRetryOn = RetryOn.SURELY_UNDELIVERED;

	private AppClientFixture(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	static AppClientFixture at(String baseUrl) {
		return new AppClientFixture(baseUrl);
	}

	static AppClient client(String baseUrl) {
		return at(baseUrl).build();
	}

	AppClientFixture headers(Map<String, String> headers) {
		this.headers = headers;
		return this;
	}

	AppClientFixture responseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
		return this;
	}

	AppClientFixture webClient(WebClient.Builder webClient) {
		this.webClient = webClient;
		return this;
	}

	AppClientFixture nanoClock(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
		return this;
	}

	AppClientFixture appRate(RateLimitSettings rate) {
		this.appRate = rate;
		return this;
	}

	AppClientFixture transactionalRate(RateLimitSettings rate) {
		this.transactionalRate = rate;
		return this;
	}

	AppClientFixture broadcastsRate(RateLimitSettings rate) {
		this.broadcastsRate = rate;
		return this;
	}

	AppClientFixture transactionalRetryOn(RetryOn retryOn) {
		this.transactionalRetryOn = retryOn;
		return this;
	}

	AppClientFixture appRetryOn(RetryOn retryOn) {
		this.appRetryOn = retryOn;
		return this;
	}

	static RetrySettings quickRetries(RetryOn retryOn) {
		return new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2), retryOn);
	}

	AppClient build() {
		ApiResilienceFactory factory = new ApiResilienceFactory(RateLimiterRegistry.ofDefaults(),
				RetryRegistry.ofDefaults(), this.nanoClock, () -> 0.5);
		CustomerIoHttpClient http = CustomerIoHttpClient.create(this.webClient,
				new ConnectionSettings(this.baseUrl, Authentication.bearer(API_KEY), Duration.ofSeconds(2),
						this.responseTimeout, this.headers),
				new JsonCodec(), CustomerIoMeters.none(), Clock.systemUTC());
		return new AppClient(http, factory.create("app", this.appRate, quickRetries(this.appRetryOn)),
				factory.create("transactional", this.transactionalRate, quickRetries(this.transactionalRetryOn)),
				factory.create("broadcasts", this.broadcastsRate, quickRetries(this.broadcastsRetryOn)));
	}

}
