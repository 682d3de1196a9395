package io.github.ciospring.customerio.http;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.resilience.RetrySettings;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What observing each call costs: per-call time of the same identify through a bare WebClient and through our
 * client, with and without an {@link ObservationRegistry} recording timers (what Actuator sets up), against an
 * in-memory exchange function, so no network time hides the overhead. The variants take turns over several rounds
 * and the median round counts, so load from other processes touches them alike. Prints the figures; asserts
 * nothing about speed.
 * <p>
 * Run: {@code mvn -B -pl autoconfigure test -Dtest=ObservationOverheadBenchmark -Dgroups=benchmark
 * -DexcludedGroups=none | grep '\[benchmark\]'}.
 */
@Tag("benchmark")
class ObservationOverheadBenchmark {

	private static final int WARM_UP = 50_000;

	private static final int CALLS = 50_000;

	private static final int ROUNDS = 7;

	private static final String BARE = "bare WebClient";

	private static final String BARE_OBSERVED = "bare WebClient, observed (http.client.requests)";

	private static final String CLIENT = "CustomerIoHttpClient, no observation registry";

	private static final String CLIENT_OBSERVED = "CustomerIoHttpClient, observed (customerio.calls + http.client.requests)";

	private static final ExchangeFunction OK = (request) -> Mono.just(ClientResponse.create(HttpStatus.OK).build());

	private static final byte[] BODY = "{\"email\":\"a@example.com\"}".getBytes();

	@Test
	void printsPerCallOverheadOfObservation() {
		Map<String, Supplier<Mono<?>>> variants = new LinkedHashMap<>();
		variants.put(BARE, bareCall(WebClient.builder().exchangeFunction(OK).build()));
		variants.put(BARE_OBSERVED,
				bareCall(WebClient.builder().exchangeFunction(OK).observationRegistry(meteredRegistry()).build()));
		variants.put(CLIENT, clientCall(ObservationRegistry.NOOP));
		variants.put(CLIENT_OBSERVED, clientCall(meteredRegistry()));
		variants.values().forEach((call) -> run(call, WARM_UP));
		Map<String, List<Double>> rounds = new LinkedHashMap<>();
		for (int round = 0; round < ROUNDS; round++) {
			variants.forEach((name, call) -> rounds.computeIfAbsent(name, (key) -> new ArrayList<>())
				.add(run(call, CALLS) / 1_000.0 / CALLS));
		}
		Map<String, Double> median = new LinkedHashMap<>();
		rounds.forEach((name, micros) -> {
			Collections.sort(micros);
			median.put(name, micros.get(micros.size() / 2));
			System.out.printf("[benchmark] %-72s median %6.1f us per call (rounds: %s)%n", name,
					median.get(name), micros.stream().map((m) -> String.format("%.1f", m)).toList());
		});
		System.out.printf("[benchmark] observing a call adds %.1f us to our client, of which the WebClient's own"
				+ " http.client.requests observation is %.1f us; our client without observation adds %.1f us over"
				+ " the bare WebClient%n", median.get(CLIENT_OBSERVED) - median.get(CLIENT),
				median.get(BARE_OBSERVED) - median.get(BARE), median.get(CLIENT) - median.get(BARE));
	}

	private static ObservationRegistry meteredRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		return registry;
	}

	private static Supplier<Mono<?>> bareCall(WebClient webClient) {
		return () -> webClient.put()
			.uri("/api/v1/customers/{identifier}", Map.of("identifier", "42"))
			.bodyValue(BODY)
			.exchangeToMono(ClientResponse::releaseBody);
	}

	private static Supplier<Mono<?>> clientCall(ObservationRegistry observations) {
		CustomerIoHttpClient http = CustomerIoHttpClient.create(
				WebClient.builder().exchangeFunction(OK).observationRegistry(observations),
				new ConnectionSettings("http://localhost", null, Duration.ofSeconds(1), Duration.ofSeconds(5)),
				new JsonCodec(), new CustomerIoMeters(new SimpleMeterRegistry()), Clock.systemUTC(), observations);
		ApiResilience resilience = ApiResilienceFactory.standalone()
			.create("track", new RateLimitSettings(1e9, 1, Duration.ofSeconds(1)),
					new RetrySettings(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, RetryOn.NEVER));
		ApiRequest<Void> request = ApiRequest.withoutResponse("identify", HttpMethod.PUT,
				"/api/v1/customers/{identifier}", Map.of("identifier", "42"), BODY);
		return () -> http.exchange(resilience, request);
	}

	/** Nanoseconds for the given number of calls, one after the other. */
	private static long run(Supplier<Mono<?>> call, int calls) {
		long start = System.nanoTime();
		for (int i = 0; i < calls; i++) {
			call.get().block();
		}
		return System.nanoTime() - start;
	}

}
