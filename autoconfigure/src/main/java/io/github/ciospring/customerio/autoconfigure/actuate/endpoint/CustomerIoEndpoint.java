package io.github.ciospring.customerio.autoconfigure.actuate.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.github.ciospring.customerio.autoconfigure.CustomerIoHttpClientFactory;
import io.github.ciospring.customerio.autoconfigure.CustomerIoProperties;
import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.RecentOutcomes;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.RateLimiterStatus;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/customerio}: the region and hosts, and per API instance its rate limiter (configured and
 * current rate, burst, free permits, callers waiting, pause), retry, counts from the meters and recent outcomes;
 * the fill of every delivery queue. {@code /actuator/customerio/{api}} shows one API instance. Never a key.
 */
@Endpoint(id = "customerio")
public class CustomerIoEndpoint {

	private final CustomerIoProperties properties;

	private final ObjectProvider<ApiResilience> resiliences;

	private final CustomerIoMeters meters;

	private final ObjectProvider<CustomerIoHttpClientFactory> httpClients;

	private final ObjectProvider<DeliveryQueueStatus> queues;

	private final Clock clock;

	public CustomerIoEndpoint(CustomerIoProperties properties, ObjectProvider<ApiResilience> resiliences,
			CustomerIoMeters meters, ObjectProvider<CustomerIoHttpClientFactory> httpClients,
			ObjectProvider<DeliveryQueueStatus> queues, Clock clock) {
		this.properties = properties;
		this.resiliences = resiliences;
		this.meters = meters;
		this.httpClients = httpClients;
		this.queues = queues;
		this.clock = clock;
	}

	@ReadOperation
	public CustomerIoDescriptor customerIo() {
		Map<String, ApiDescriptor> apis = new TreeMap<>();
		this.resiliences.orderedStream().forEach((resilience) -> apis.putIfAbsent(resilience.api(), api(resilience)));
		Map<String, QueueDescriptor> queues = new TreeMap<>();
		this.queues.orderedStream()
			.forEach((queue) -> queues.put(queue.name(), new QueueDescriptor(queue.size(), queue.capacity(),
					queue.store(), queue.depth(), queue.oldestAge().toString())));
		CustomerIoHttpClientFactory httpClients = this.httpClients.getIfAvailable();
		Map<String, String> hosts = (httpClients != null) ? httpClients.baseUrls() : Map.of();
		return new CustomerIoDescriptor(this.properties.region().name().toLowerCase(), hosts, apis, queues);
	}

	@ReadOperation
	public @Nullable ApiDescriptor api(@Selector String api) {
		return this.resiliences.orderedStream()
			.filter((resilience) -> resilience.api().equals(api))
			.findFirst()
			.map(this::api)
			.orElse(null);
	}

	private ApiDescriptor api(ApiResilience resilience) {
		return new ApiDescriptor(rateLimit(resilience.rateLimiter()), retry(resilience.retry()),
				counts(resilience.api()), this.meters.recentOutcomes().snapshot(resilience.api()));
	}

	private RateLimitDescriptor rateLimit(RateLimiter limiter) {
		RateLimiterConfig config = limiter.getRateLimiterConfig();
		RateLimiter.Metrics metrics = limiter.getMetrics();
		String maxWait = config.getTimeoutDuration().toString();
		if (limiter instanceof RateLimiterStatus status) {
			long pause = status.remainingPauseNanos();
			Instant pausedUntil = (pause > 0) ? this.clock.instant().plus(Duration.ofNanos(pause)) : null;
			return new RateLimitDescriptor(limiter.getName(), status.getConfiguredPermitsPerSecond(),
					status.getPermitsPerSecond(), status.getBurst(), metrics.getAvailablePermissions(),
					metrics.getNumberOfWaitingThreads(), maxWait, pausedUntil);
		}
		double rate = config.getLimitForPeriod() / (config.getLimitRefreshPeriod().toNanos() / 1e9);
		return new RateLimitDescriptor(limiter.getName(), null, rate, config.getLimitForPeriod(),
				metrics.getAvailablePermissions(), metrics.getNumberOfWaitingThreads(), maxWait, null);
	}

	private static RetryDescriptor retry(Retry retry) {
		return new RetryDescriptor(retry.getName(), retry.getRetryConfig().getMaxAttempts());
	}

	private CountsDescriptor counts(String api) {
		MeterRegistry registry = this.meters.registry();
		Map<String, Long> byOutcome = new TreeMap<>();
		long requests = 0;
		for (Timer timer : registry.find(CustomerIoMeters.REQUESTS).tag("api", api).timers()) {
			long count = timer.count();
			requests += count;
			byOutcome.merge(String.valueOf(timer.getId().getTag("outcome")), count, Long::sum);
		}
		long failures = requests - byOutcome.getOrDefault("success", 0L);
		return new CountsDescriptor(requests, sum(registry, CustomerIoMeters.RATE_LIMITED, api),
				sum(registry, CustomerIoMeters.RETRIES, api), failures, byOutcome);
	}

	private static long sum(MeterRegistry registry, String name, String api) {
		double total = 0;
		for (Counter counter : registry.find(name).tag("api", api).counters()) {
			total += counter.count();
		}
		return Math.round(total);
	}

	/**
	 * Everything the endpoint shows.
	 *
	 * @param region the configured region, {@code us} or {@code eu}
	 * @param hosts each API client's base URL
	 * @param apis each API instance (track, app, transactional, broadcasts, pipelines...)
	 * @param deliveryQueues each delivery queue's fill
	 */
	public record CustomerIoDescriptor(String region, Map<String, String> hosts, Map<String, ApiDescriptor> apis,
			Map<String, QueueDescriptor> deliveryQueues) implements OperationResponseBody {

	}

	/**
	 * One API instance.
	 *
	 * @param rateLimit its rate limiter
	 * @param retry its retry
	 * @param counts HTTP attempts counted by the meters since start
	 * @param recent its latest outcomes
	 */
	public record ApiDescriptor(RateLimitDescriptor rateLimit, RetryDescriptor retry, CountsDescriptor counts,
			RecentOutcomes.Snapshot recent) implements OperationResponseBody {

	}

	/**
	 * A rate limiter's state.
	 *
	 * @param name the Resilience4j instance name ({@code customerio-<api>})
	 * @param configuredRate the configured permits per second, {@code null} when the limiter does not say
	 * @param currentRate the permits per second in force now
	 * @param burst permits that may be taken at once
	 * @param availablePermits permits free now (negative: reserved ahead)
	 * @param waiting callers waiting for a permit
	 * @param maxWait how long a caller may wait (ISO-8601)
	 * @param pausedUntil end of the shared pause after a 429, {@code null} when none
	 */
	public record RateLimitDescriptor(String name, @Nullable Double configuredRate, double currentRate, int burst,
			int availablePermits, int waiting, String maxWait, @Nullable Instant pausedUntil) {

	}

	/**
	 * A retry's settings.
	 *
	 * @param name the Resilience4j instance name
	 * @param maxAttempts attempts in all, the first included
	 */
	public record RetryDescriptor(String name, int maxAttempts) {

	}

	/**
	 * HTTP attempts since start, from {@code customerio.requests}, {@code customerio.rate.limited} and
	 * {@code customerio.retries}.
	 *
	 * @param requests attempts
	 * @param rateLimited attempts answered 429
	 * @param retries attempts after the first of a call
	 * @param failures attempts that did not succeed (any outcome but success)
	 * @param byOutcome attempts by outcome
	 */
	public record CountsDescriptor(long requests, long rateLimited, long retries, long failures,
			Map<String, Long> byOutcome) {

	}

	/**
	 * A delivery queue's fill.
	 *
	 * @param size events waiting
	 * @param capacity the most it holds
	 * @param store where events wait: {@code memory} or {@code jdbc} (the outbox)
	 * @param depth events stored and not yet settled, by every instance sharing the store
	 * @param oldestAge how long the oldest stored event has waited (ISO-8601)
	 */
	public record QueueDescriptor(int size, int capacity, String store, long depth, String oldestAge) {

	}

}
