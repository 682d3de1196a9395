package io.github.ciospring.customerio.test.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.track.BatchResult;
import io.github.ciospring.customerio.track.Event;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.ciospring.customerio.track.TrackOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's own {@link TrackClient} against the sandbox: its auth header, paths and bodies are what the
 * sandbox accepts.
 */
class TrackClientAgainstSandboxTests {

	private CustomerIoSandbox sandbox;

	@AfterEach
	void stop() {
		this.sandbox.stop();
	}

	private TrackClient start(SandboxConfig config) {
		return start(config, SandboxTrackClients.DEFAULT_RATE_LIMIT);
	}

	private TrackClient start(SandboxConfig config, RateLimitSettings rateLimit) {
		this.sandbox = CustomerIoSandbox.start(config);
		return SandboxTrackClients.trackClient(this.sandbox, rateLimit);
	}

	@Test
	void identifyIsAcceptedAndThePersonCanBeLookedUp() {
		TrackClient client = start(SandboxConfig.defaults());
		client.identify(Identify.person("a/b").email("ab@x.com").build()).block(Duration.ofSeconds(10));
		SandboxHttp http = new SandboxHttp(this.sandbox);
		assertThat(http.send("GET", "/v1/customers?email=ab%40x.com", http.appAuth(), null).body())
			.contains("\"id\":\"a/b\"");
	}

	@Test
	void eventIsAcceptedWithItsUlid() {
		TrackClient client = start(SandboxConfig.defaults());
		client.track(Event.of("42", "purchased", Map.of("total", 10))).block(Duration.ofSeconds(10));
		ApiStats stats = this.sandbox.stats().track();
		assertThat(stats.accepted()).isEqualTo(1);
		assertThat(stats.eventIds()).isEqualTo(1);
	}

	@Test
	void batchItemsAreAllAccepted() {
		TrackClient client = start(SandboxConfig.defaults());
		BatchResult result = client
			.batch(List.of(TrackOperation.identify(PersonIdentifier.id("1"), Map.of("plan", "pro")),
					TrackOperation.event(PersonIdentifier.id("1"), "upgraded", Map.of()),
					TrackOperation.identify(PersonIdentifier.email("b@x.com"), Map.of())))
			.block(Duration.ofSeconds(10));
		assertThat(result.isAllAccepted()).isTrue();
		assertThat(this.sandbox.stats().track().acceptedItems()).isEqualTo(3);
	}

	@Test
	void aRateLimitedCallIsRetriedAfterRetryAfterAndDelivered() {
		TrackClient client = start(SandboxConfig.builder().limit(LimitGroup.TRACK, SlidingWindow.perSecond(1)).build(),
				new RateLimitSettings(1000, 2, Duration.ofSeconds(30)));
		Mono.when(client.identify(Identify.person("1").build()), client.identify(Identify.person("2").build()))
			.block(Duration.ofSeconds(20));
		ApiStats stats = this.sandbox.stats().track();
		assertThat(stats.rateLimited()).isEqualTo(1);
		assertThat(stats.accepted()).isEqualTo(2);
	}

}
