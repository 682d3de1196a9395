package io.github.ciospring.customerio.test.sandbox;

import java.time.Clock;
import java.time.Duration;

import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.resilience.RetrySettings;
import io.github.ciospring.customerio.track.TrackClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the starter's {@link TrackClient} by hand, as a user without auto-configuration would, pointed at a
 * sandbox with its default workspace's credentials.
 */
final class SandboxTrackClients {

	/** The starter's default Track rate limit: 80 per second, burst 1, callers wait up to 30 s. */
	static final RateLimitSettings DEFAULT_RATE_LIMIT = new RateLimitSettings(80, 1, Duration.ofSeconds(30));

	private SandboxTrackClients() {
	}

	static TrackClient trackClient(CustomerIoSandbox sandbox, RateLimitSettings rateLimit) {
		return trackClient(sandbox, rateLimit, WebClient.builder());
	}

	/** A client whose WebClient is built from the given builder (for example with a filter that times sends). */
	static TrackClient trackClient(CustomerIoSandbox sandbox, RateLimitSettings rateLimit,
			WebClient.Builder webClient) {
		SandboxWorkspace workspace = sandbox.workspace();
		CustomerIoHttpClient http = CustomerIoHttpClient.create(webClient,
				new ConnectionSettings(sandbox.baseUrl(),
						Authentication.basic(workspace.siteId(), workspace.trackApiKey()), Duration.ofSeconds(5),
						Duration.ofSeconds(30)),
				new JsonCodec(), new CustomerIoMeters(new SimpleMeterRegistry()), Clock.systemUTC());
		return new TrackClient(http, ApiResilienceFactory.standalone()
			.create("track", rateLimit, RetrySettings.defaults(RetryOn.TRANSIENT_FAILURES)));
	}

}
