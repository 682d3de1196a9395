package io.github.ciospring.customerio.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.ciospring.customerio.Region;
import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.http.RecentOutcomes;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.RateLimiterStatus;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the Customer.io clients, from what they already know; no network call unless the active check is on.
 * <ul>
 * <li>{@code DOWN} when Customer.io rejected an API's credentials (401 or 403) and no call of that API has
 * succeeded since, or when the active check failed or found the account in another region;</li>
 * <li>{@code OUT_OF_SERVICE} when an API's shared 429 pause is in force, or a delivery queue is filled beyond
 * the threshold;</li>
 * <li>{@code UP} otherwise.</li>
 * </ul>
 * Details name each API instance and queue with its state; never a key or a customer identifier.
 */
public class CustomerIoHealthIndicator implements ReactiveHealthIndicator {

	private static final List<Status> SEVERITY = List.of(Status.DOWN, Status.OUT_OF_SERVICE, Status.UP);

	private final ObjectProvider<ApiResilience> resiliences;

	private final RecentOutcomes recentOutcomes;

	private final ObjectProvider<DeliveryQueueStatus> queues;

	private final double queueFillThreshold;

	private final RegionCheck regionCheck;

	private final Region expectedRegion;

	private final Clock clock;

	CustomerIoHealthIndicator(ObjectProvider<ApiResilience> resiliences, RecentOutcomes recentOutcomes,
			ObjectProvider<DeliveryQueueStatus> queues, double queueFillThreshold, RegionCheck regionCheck,
			Region expectedRegion, Clock clock) {
		this.resiliences = resiliences;
		this.recentOutcomes = recentOutcomes;
		this.queues = queues;
		this.queueFillThreshold = queueFillThreshold;
		this.regionCheck = regionCheck;
		this.expectedRegion = expectedRegion;
		this.clock = clock;
	}

	@Override
	public Mono<Health> health() {
		Map<String, Part> parts = new LinkedHashMap<>();
		parts.put("apis", apis());
		Part queues = queues();
		if (queues != null) {
			parts.put("deliveryQueues", queues);
		}
		if (this.regionCheck == null) {
			return Mono.just(combine(parts));
		}
		return this.regionCheck.result().map((result) -> {
			parts.put("regionCheck", regionPart(result));
			return combine(parts);
		});
	}

	private Part apis() {
		Map<String, ApiResilience> byApi = new TreeMap<>();
		this.resiliences.orderedStream().forEach((resilience) -> byApi.putIfAbsent(resilience.api(), resilience));
		Map<String, RecentOutcomes.Snapshot> outcomes = this.recentOutcomes.snapshot();
		Map<String, Object> details = new TreeMap<>();
		Status status = Status.UP;
		for (String api : union(byApi.keySet(), outcomes.keySet())) {
			Part part = api(byApi.get(api), outcomes.getOrDefault(api, RecentOutcomes.Snapshot.NONE));
			details.put(api, part.details());
			status = worse(status, part.status());
		}
		return new Part(status, details);
	}

	private Part api(ApiResilience resilience, RecentOutcomes.Snapshot outcomes) {
		Map<String, Object> details = new LinkedHashMap<>();
		Status status = Status.UP;
		if (outcomes.credentialsRejected()) {
			status = Status.DOWN;
			details.put("reason", "credentials rejected with HTTP " + outcomes.lastRejectionStatus()
					+ "; no successful call since");
			details.put("credentialsRejectedAt", outcomes.lastRejection().toString());
		}
		if (resilience != null && resilience.rateLimiter() instanceof RateLimiterStatus limiter) {
			long pause = limiter.remainingPauseNanos();
			if (pause > 0) {
				status = worse(status, Status.OUT_OF_SERVICE);
				details.putIfAbsent("reason", "paused after HTTP 429");
				details.put("pausedUntil", this.clock.instant().plus(Duration.ofNanos(pause)).toString());
			}
			details.put("rate", limiter.getPermitsPerSecond());
			details.put("configuredRate", limiter.getConfiguredPermitsPerSecond());
		}
		if (outcomes.lastSuccess() != null) {
			details.put("lastSuccessAt", outcomes.lastSuccess().toString());
		}
		if (outcomes.lastFailure() != null) {
			details.put("lastFailureAt", outcomes.lastFailure().toString());
			details.put("lastFailureStatus", outcomes.lastFailureStatus());
		}
		Map<String, Object> withStatus = new LinkedHashMap<>();
		withStatus.put("status", status.getCode());
		withStatus.putAll(details);
		return new Part(status, withStatus);
	}

	private Part queues() {
		List<DeliveryQueueStatus> all = this.queues.orderedStream().toList();
		if (all.isEmpty()) {
			return null;
		}
		Map<String, Object> details = new TreeMap<>();
		Status status = Status.UP;
		for (DeliveryQueueStatus queue : all) {
			int size = queue.size();
			int capacity = queue.capacity();
			double fill = (capacity > 0) ? (double) size / capacity : 0;
			Status queueStatus = (capacity > 0 && fill >= this.queueFillThreshold) ? Status.OUT_OF_SERVICE : Status.UP;
			Map<String, Object> queueDetails = new LinkedHashMap<>();
			queueDetails.put("status", queueStatus.getCode());
			queueDetails.put("size", size);
			queueDetails.put("capacity", capacity);
			queueDetails.put("fillThreshold", this.queueFillThreshold);
			queueDetails.put("store", queue.store());
			queueDetails.put("depth", queue.depth());
			queueDetails.put("oldestAge", queue.oldestAge().toString());
			details.put(queue.name(), queueDetails);
			status = worse(status, queueStatus);
		}
		return new Part(status, details);
	}

	private Part regionPart(RegionCheck.Result result) {
		Map<String, Object> details = new LinkedHashMap<>();
		Status status;
		if (result.error() != null) {
			status = Status.DOWN;
			details.put("error", result.error());
		}
		else if (!this.expectedRegion.name().equalsIgnoreCase(String.valueOf(result.region()))) {
			status = Status.DOWN;
			details.put("error", "the account lives in region '" + result.region() + "' but customerio.region is '"
					+ this.expectedRegion.name().toLowerCase() + "'");
		}
		else {
			status = Status.UP;
		}
		details.put("region", result.region());
		details.put("checkedAt", result.checkedAt().toString());
		Map<String, Object> withStatus = new LinkedHashMap<>();
		withStatus.put("status", status.getCode());
		withStatus.putAll(details);
		return new Part(status, withStatus);
	}

	private static Health combine(Map<String, Part> parts) {
		Status status = Status.UP;
		Health.Builder health = new Health.Builder();
		for (Map.Entry<String, Part> part : parts.entrySet()) {
			status = worse(status, part.getValue().status());
			health.withDetail(part.getKey(), part.getValue().details());
		}
		return health.status(status).build();
	}

	private static Status worse(Status a, Status b) {
		return (SEVERITY.indexOf(a) <= SEVERITY.indexOf(b)) ? a : b;
	}

	private static SortedSet<String> union(Set<String> a, Set<String> b) {
		SortedSet<String> all = new TreeSet<>(a);
		all.addAll(b);
		return all;
	}

	private record Part(Status status, Map<String, Object> details) {

	}

}
