package io.github.ciospring.customerio.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ciospring.customerio.delivery.DeliveryFixtures.RecordingFailureHandler;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.track.TrackClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.ciospring.customerio.delivery.DeliveryFixtures.event;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shutdown's outcome completes only once every failure has reached the failure handler, whatever the queue's
 * thread does while an answer is being settled on a network thread.
 */
class TrackDeliveryQueueTerminationTests {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final RecordingFailureHandler failureHandler = new RecordingFailureHandler();

	private final Sinks.One<ClientResponse> answer = Sinks.one();

	private TrackDeliveryQueue queue;

	@AfterEach
	void close() {
		DeliveryFixtures.discard(this.queue);
		this.time.dispose();
	}

	@Test
	void shutdownDoesNotCompleteBetweenAFailuresReleaseAndItsHandOver() {
		WebClient webClient = WebClient.builder().exchangeFunction((request) -> this.answer.asMono()).build();
		TestClients clients = new TestClients();
		TrackClient client = new TrackClient(
				new CustomerIoHttpClient(webClient, Duration.ofHours(1), new JsonCodec(),
						new CustomerIoMeters(new SimpleMeterRegistry()), Clock.systemUTC()),
				clients.resilience("track", 10_000, TestClients.quickRetries(1, RetryOn.NEVER)));
		this.queue = TrackDeliveryQueue.builder(client)
			.settings(settings().concurrency(1).linger(Duration.ofHours(1)).build())
			.failureHandler(this.failureHandler)
			.scheduler(this.time)
			.handlerScheduler(Schedulers.immediate())
			.nanoClock(() -> this.time.now(TimeUnit.NANOSECONDS))
			.build();
		this.queue.offer(event(1));
		CompletableFuture<Void> shutdown = this.queue.shutdown(Duration.ofSeconds(10));
		AtomicInteger handledWhenShutDown = new AtomicInteger(-1);
		shutdown.thenRun(() -> handledWhenShutDown.set(this.failureHandler.failures.size()));
		// the queue's thread runs (here: its drain deadline passes) just as the refused batch frees its space
		this.queue.onRelease(() -> this.time.advanceTimeBy(Duration.ofSeconds(10)));

		this.answer.tryEmitValue(ClientResponse.create(HttpStatus.BAD_REQUEST).body("{}").build());

		assertThat(shutdown).isDone();
		assertThat(handledWhenShutDown).hasValue(1);
	}

}
