package io.github.ciospring.customerio.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

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
		context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
