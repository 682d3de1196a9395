package io.github.ciospring.customerio.pipelines;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many Pipelines events per second the batch path carries at the default 80 requests per second: encode each
 * message once, pack with {@link PipelinesBatches}, send each batch through the client's limiter to a local
 * server. Prints the figures; asserts only that nothing was lost. Run with
 * {@code mvn -B -q -pl autoconfigure test -Dtest=PipelinesBatchBenchmark -Dgroups=benchmark -DexcludedGroups=none}.
 */
@Tag("benchmark")
class PipelinesBatchBenchmark {

	private static final int MESSAGES = 100_000;

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").disableRequestJournal())
		.build();

	@Test
	void eventsPerSecondThroughBatchesAtEightyRequestsPerSecond() {
		server.stubFor(post(urlEqualTo("/v1/batch")).willReturn(okJson("{}")));
		TestClients clients = new TestClients();
		PipelinesClient client = new PipelinesClient(
				clients.http(server.baseUrl(), Authentication.basic(TestClients.API_KEY, "")),
				clients.resilienceFactory().create("pipelines", new RateLimitSettings(80, 1, Duration.ofSeconds(60)),
						TestClients.quickRetries(1, RetryOn.NEVER)));
		List<PipelinesMessage> messages = new ArrayList<>(MESSAGES);
		for (int i = 0; i < MESSAGES; i++) {
			messages.add(TrackMessage.builder("Order Completed")
				.userId("user-" + i)
				.property("orderId", "order-" + i)
				.property("total", 19.99 + i)
				.property("currency", "EUR")
				.property("items", List.of(Map.of("sku", "sku-" + (i % 500), "quantity", 1 + i % 3)))
				.context("ip", "203.0.113." + (i % 250))
				.build());
		}

		long encodeStart = System.nanoTime();
		List<byte[]> encoded = new ArrayList<>(MESSAGES);
		long bytes = 0;
		for (PipelinesMessage message : messages) {
			byte[] json = client.encode(message);
			encoded.add(json);
			bytes += json.length;
		}
		long encodeNanos = System.nanoTime() - encodeStart;

		long splitStart = System.nanoTime();
		List<List<byte[]>> batches = PipelinesBatches.split(encoded);
		long splitNanos = System.nanoTime() - splitStart;

		AtomicLong delivered = new AtomicLong();
		long sendStart = System.nanoTime();
		Flux.fromIterable(batches)
			.flatMap((batch) -> client.sendBatch(batch)
				.then(Mono.fromRunnable(() -> delivered.addAndGet(batch.size()))), 8)
			.then()
			.block();
		long sendNanos = System.nanoTime() - sendStart;

		double seconds = sendNanos / 1e9;
		System.out.printf("pipelines batch benchmark: %d messages, %.0f bytes each on average%n", MESSAGES,
				(double) bytes / MESSAGES);
		System.out.printf("  encode: %.2f us per message%n", encodeNanos / 1e3 / MESSAGES);
		System.out.printf("  split:  %d batches of %.0f messages on average in %.1f ms%n", batches.size(),
				(double) MESSAGES / batches.size(), splitNanos / 1e6);
		System.out.printf("  send:   %.2f s at 80 requests/s -> %.0f requests/s, %.0f events/s%n", seconds,
				batches.size() / seconds, delivered.get() / seconds);
		System.out.printf("  ceiling at 80 requests/s with these batches: %.0f events/s%n",
				80.0 * MESSAGES / batches.size());
		assertThat(delivered.get()).isEqualTo(MESSAGES);
	}

}
