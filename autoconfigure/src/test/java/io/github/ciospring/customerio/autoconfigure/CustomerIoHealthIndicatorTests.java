package io.github.ciospring.customerio.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.Region;
import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.http.RecentOutcomes;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.GcraRateLimiter;
import io.github.ciospring.customerio.track.RegionInfo;
import io.github.resilience4j.retry.Retry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerIoHealthIndicatorTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));

	private final GcraRateLimiter limiter = new GcraRateLimiter("customerio-track", 80, 1, Duration.ofSeconds(30),
			this.nanos::get, Map.of());

	private final RecentOutcomes outcomes = new RecentOutcomes(this.clock);

	private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

	CustomerIoHealthIndicatorTests() {
		this.beans.addBean("customerIoTrackResilience",
				new ApiResilience("track", this.limiter, Retry.ofDefaults("customerio-track")));
	}

	@Test
	void upWhenNothingIsWrong() {
		Health health = health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(api(health, "track")).containsEntry("status", "UP")
			.containsEntry("rate", 80.0)
			.containsEntry("configuredRate", 80.0);
	}

	@Test
	void downWhenCredentialsWereRejectedAndNothingSucceededSince() {
		this.outcomes.record("track", "identify", 401);

		Health health = health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(api(health, "track")).containsEntry("status", "DOWN")
			.containsEntry("credentialsRejectedAt", NOW.toString())
			.hasEntrySatisfying("reason", (reason) -> assertThat(reason.toString()).contains("401"));
	}

	@Test
	void upAgainOnceACallSucceedsAfterARejection() {
		this.outcomes.record("track", "identify", 401);
		this.outcomes.record("track", "identify", 200);

		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void outOfServiceWhileA429PauseIsInForce() {
		this.limiter.pauseUntil(this.nanos.get() + TimeUnit.SECONDS.toNanos(5));

		Health health = health();

		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(api(health, "track")).containsEntry("pausedUntil", NOW.plusSeconds(5).toString());
	}

	@Test
	void upOnceThePauseHasRunOut() {
		this.limiter.pauseUntil(this.nanos.get() + TimeUnit.SECONDS.toNanos(5));
		this.nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));

		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void rejectedCredentialsOutweighAPause() {
		this.outcomes.record("track", "identify", 403);
		this.limiter.pauseUntil(this.nanos.get() + TimeUnit.SECONDS.toNanos(5));

		assertThat(health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void outOfServiceWhenADeliveryQueueIsFilledBeyondTheThreshold() {
		this.beans.addBean("trackQueue", queue("track", 90, 100));

		Health health = health();

		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(details(health, "deliveryQueues", "track")).containsEntry("status", "OUT_OF_SERVICE")
			.containsEntry("size", 90)
			.containsEntry("capacity", 100);
	}

	@Test
	void upWhenDeliveryQueuesAreBelowTheThreshold() {
		this.beans.addBean("trackQueue", queue("track", 89, 100));

		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void apisKnownOnlyFromTheirOutcomesAreReported() {
		this.outcomes.record("pipelines", "track", 401);

		Health health = health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(api(health, "pipelines")).containsEntry("status", "DOWN");
	}

	@Test
	void theActiveCheckReportsTheRegionWhenItMatches() {
		Health health = health(regionCheck(Mono.just(new RegionInfo("https://track.customer.io", "us", 1L))));

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(details(health, "regionCheck")).containsEntry("status", "UP").containsEntry("region", "us");
	}

	@Test
	void theActiveCheckIsDownWhenTheAccountLivesInAnotherRegion() {
		Health health = health(regionCheck(Mono.just(new RegionInfo("https://track-eu.customer.io", "eu", 1L))));

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(details(health, "regionCheck")).hasEntrySatisfying("error",
				(error) -> assertThat(error.toString()).contains("'eu'").contains("customerio.region"));
	}

	@Test
	void theActiveCheckIsDownWhenTheCallFails() {
		Health health = health(regionCheck(Mono.error(new IllegalStateException("boom"))));

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(details(health, "regionCheck")).containsEntry("error", "IllegalStateException");
	}

	private RegionCheck regionCheck(Mono<RegionInfo> answer) {
		return new RegionCheck(() -> answer, Duration.ofMinutes(5), Duration.ofSeconds(5), this.clock);
	}

	private static DeliveryQueueStatus queue(String name, int size, int capacity) {
		return new DeliveryQueueStatus() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public int size() {
				return size;
			}

			@Override
			public int capacity() {
				return capacity;
			}

		};
	}

	private Health health() {
		return health(null);
	}

	private Health health(RegionCheck regionCheck) {
		return new CustomerIoHealthIndicator(this.beans.getBeanProvider(ApiResilience.class), this.outcomes,
				this.beans.getBeanProvider(DeliveryQueueStatus.class), 0.9, regionCheck, Region.US, this.clock)
			.health()
			.block();
	}

	private static Map<String, Object> api(Health health, String api) {
		return details(health, "apis", api);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Health health, String... path) {
		Map<String, Object> details = health.getDetails();
		for (String key : path) {
			assertThat(details).containsKey(key);
			details = (Map<String, Object>) details.get(key);
		}
		return details;
	}

}
