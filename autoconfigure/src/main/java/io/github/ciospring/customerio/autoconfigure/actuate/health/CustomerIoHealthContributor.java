package io.github.ciospring.customerio.autoconfigure.actuate.health;

import java.time.Clock;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.http.RecentOutcomes;
import io.github.ciospring.customerio.resilience.ApiResilience;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;

/**
 * The {@code customerio} health contributor: a composite with one member per API instance ({@code track},
 * {@code app}, {@code transactional}, {@code broadcasts}, {@code pipelines}; see
 * {@link CustomerIoApiHealthIndicator}) and {@code delivery} for the delivery queues (see
 * {@link CustomerIoDeliveryQueueHealthIndicator}). So {@code /actuator/health/customerio/track} answers alone, and
 * a health group may include a single API ({@code management.endpoint.health.group.readiness.include=customerio/track}).
 * Members are looked up on every call: an API known only from its outcomes shows up too.
 */
public class CustomerIoHealthContributor implements CompositeReactiveHealthContributor {

	static final String DELIVERY = "delivery";

	private final ObjectProvider<ApiResilience> resiliences;

	private final RecentOutcomes recentOutcomes;

	private final ObjectProvider<DeliveryQueueStatus> queues;

	private final Map<String, CustomerIoApiHealthIndicator.Check<?>> activeChecks;

	private final Clock clock;

	private final HealthIndicator delivery;

	private final ConcurrentMap<String, CustomerIoApiHealthIndicator> apis = new ConcurrentHashMap<>();

	/**
	 * @param resiliences every API's rate limiter and retry
	 * @param recentOutcomes the outcomes of recent calls, per API
	 * @param queues the delivery queues
	 * @param properties the thresholds of the {@code delivery} member
	 * @param activeChecks the active check of each API that has one, by API name
	 * @param clock the clock ages are read on
	 */
	public CustomerIoHealthContributor(ObjectProvider<ApiResilience> resiliences, RecentOutcomes recentOutcomes,
			ObjectProvider<DeliveryQueueStatus> queues, CustomerIoHealthProperties properties,
			Map<String, CustomerIoApiHealthIndicator.Check<?>> activeChecks, Clock clock) {
		this.resiliences = resiliences;
		this.recentOutcomes = recentOutcomes;
		this.queues = queues;
		this.activeChecks = Map.copyOf(activeChecks);
		this.clock = clock;
		this.delivery = new CustomerIoDeliveryQueueHealthIndicator(queues, properties.queueFillThreshold(),
				properties.queueBackpressureOutOfService());
	}

	@Override
	public ReactiveHealthContributor getContributor(String name) {
		if (DELIVERY.equals(name)) {
			return hasQueues() ? ReactiveHealthContributor.adapt(this.delivery) : null;
		}
		return apiNames().contains(name) ? api(name) : null;
	}

	@Override
	public Stream<ReactiveHealthContributors.Entry> stream() {
		Stream<ReactiveHealthContributors.Entry> apis = apiNames().stream()
			.map((name) -> new ReactiveHealthContributors.Entry(name, api(name)));
		if (!hasQueues()) {
			return apis;
		}
		return Stream.concat(apis,
				Stream.of(new ReactiveHealthContributors.Entry(DELIVERY, ReactiveHealthContributor.adapt(this.delivery))));
	}

	private CustomerIoApiHealthIndicator api(String name) {
		return this.apis.computeIfAbsent(name, (api) -> new CustomerIoApiHealthIndicator(api, () -> resilience(api),
				this.recentOutcomes, this.activeChecks.get(api), this.clock));
	}

	private ApiResilience resilience(String api) {
		return this.resiliences.orderedStream().filter((resilience) -> resilience.api().equals(api)).findFirst()
			.orElse(null);
	}

	private SortedSet<String> apiNames() {
		SortedSet<String> names = new TreeSet<>(this.recentOutcomes.snapshot().keySet());
		this.resiliences.orderedStream().forEach((resilience) -> names.add(resilience.api()));
		names.addAll(this.activeChecks.keySet());
		return names;
	}

	private boolean hasQueues() {
		return this.queues.orderedStream().findAny().isPresent();
	}

}
