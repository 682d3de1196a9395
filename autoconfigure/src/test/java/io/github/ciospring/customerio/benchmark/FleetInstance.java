package io.github.ciospring.customerio.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ciospring.customerio.support.Windows;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * One instance of an application using the starter, as users get it: a Spring Boot application whose
 * {@link TrackClient} comes from the auto-configuration. Started in a JVM of its own by {@link FleetBenchmark}; makes
 * {@code fleet.calls} identify calls from {@code fleet.callers} threads as soon as the context is up, then exits.
 * Every program argument is a Spring property ({@code --customerio.track.base-url=...}).
 */
public final class FleetInstance {

	private FleetInstance() {
	}

	public static void main(String[] args) throws InterruptedException {
		long started = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args);
		int calls = context.getEnvironment().getRequiredProperty("fleet.calls", Integer.class);
		int callers = context.getEnvironment().getProperty("fleet.callers", Integer.class, 16);
		String instance = context.getEnvironment().getProperty("fleet.instance", "0");
		TrackClient track = context.getBean(TrackClient.class);
		System.out.printf("READY %d ms%n", (System.nanoTime() - started) / 1_000_000);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			Thread thread = new Thread(() -> {
				for (int call = next.getAndIncrement(); call < calls; call = next.getAndIncrement()) {
					try {
						track.identify(Identify.person("fleet-" + instance + "-" + call).build()).block();
					}
					catch (RuntimeException failure) {
						if (failed.getAndIncrement() < 3) {
							System.out.println("FAILED " + failure);
						}
					}
				}
			}, "caller-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		System.out.printf("DONE %d calls, %d failed%n", calls, failed.get());
		Queue<Long> writes = context.getBean(WriteTimes.class).times;
		System.out.printf("WRITES largest 1 s window of this instance's writes %d%n",
				Windows.maxInAnyWindow(writes, 1_000_000_000L));
		// System.nanoTime() is the machine's monotonic clock on Linux: the orchestrator merges the instances' writes
		StringBuilder times = new StringBuilder("WRITETIMES");
		writes.forEach((time) -> times.append(' ').append(time));
		System.out.println(times);
		context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		WriteTimes writeTimes() {
			return new WriteTimes();
		}

		/** Notes when each request is actually written (after the release pacer), to tell the client's spacing from the stand-in's counting. */
		@Bean
		WebClientCustomizer writeTimesFilter(WriteTimes writeTimes) {
			return (builder) -> builder.filter((request, next) -> next.exchange(ClientRequest.from(request)
				.body((message, context) -> request.body().insert(new ClientHttpRequestDecorator(message) {

					@Override
					public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
						writeTimes.times.add(System.nanoTime());
						return super.writeWith(body);
					}

				}, context))
				.build()));
		}

	}

	/** The moments this instance's requests were written. */
	static final class WriteTimes {

		final Queue<Long> times = new ConcurrentLinkedQueue<>();

	}

}
