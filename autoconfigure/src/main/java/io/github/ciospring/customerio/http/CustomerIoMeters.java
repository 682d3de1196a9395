package io.github.ciospring.customerio.http;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The client's own meters. Tags are low-cardinality: API, operation, outcome and status class; never a
 * customer identifier or a URI.
 * <ul>
 * <li>{@code customerio.requests}: timer of every HTTP attempt (api, operation, outcome, status)</li>
 * <li>{@code customerio.rate.limited}: 429 answers (api, operation)</li>
 * <li>{@code customerio.retries}: attempts after the first (api, operation)</li>
 * </ul>
 * Every attempt's status also goes to {@link RecentOutcomes}, which health and the actuator endpoint read.
 */
public final class CustomerIoMeters {

	public static final String REQUESTS = "customerio.requests";

	public static final String RATE_LIMITED = "customerio.rate.limited";

	public static final String RETRIES = "customerio.retries";

	private final MeterRegistry registry;

	private final RecentOutcomes recentOutcomes;

	public CustomerIoMeters(MeterRegistry registry) {
		this(registry, new RecentOutcomes(Clock.systemUTC()));
	}

	public CustomerIoMeters(MeterRegistry registry, RecentOutcomes recentOutcomes) {
		this.registry = registry;
		this.recentOutcomes = recentOutcomes;
	}

	/** Meters that go nowhere, for clients built without a registry. */
	public static CustomerIoMeters none() {
		return new CustomerIoMeters(new CompositeMeterRegistry());
	}

	public MeterRegistry registry() {
		return this.registry;
	}

	/** The latest outcomes of each API instance, updated on every attempt. */
	public RecentOutcomes recentOutcomes() {
		return this.recentOutcomes;
	}

	void recordAttempt(String api, String operation, int status, Duration duration) {
		this.recentOutcomes.record(api, operation, status);
		Timer.builder(REQUESTS)
			.description("Customer.io HTTP attempts")
			.tag("api", api)
			.tag("operation", operation)
			.tag("outcome", outcome(status))
			.tag("status", statusClass(status))
			.register(this.registry)
			.record(duration);
		if (status == 429) {
			Counter.builder(RATE_LIMITED)
				.description("Customer.io 429 answers")
				.tag("api", api)
				.tag("operation", operation)
				.register(this.registry)
				.increment();
		}
	}

	void recordRetry(String api, String operation) {
		Counter.builder(RETRIES)
			.description("Customer.io attempts after the first")
			.tag("api", api)
			.tag("operation", operation)
			.register(this.registry)
			.increment();
	}

	static String outcome(int status) {
		if (status <= 0) {
			return "io_error";
		}
		if (status == 429) {
			return "rate_limited";
		}
		if (status < 300) {
			return "success";
		}
		return (status < 500) ? "client_error" : "server_error";
	}

	static String statusClass(int status) {
		return (status <= 0) ? "none" : (status / 100) + "xx";
	}

}
