package io.github.ciospring.customerio.autoconfigure.actuate.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.autoconfigure.actuate.QueueStatusStub;
import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.http.RecentOutcomes;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.GcraRateLimiter;
import io.github.ciospring.customerio.track.RegionInfo;
import io.github.resilience4j.retry.Retry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code customerio} health reports: rejected credentials are {@code DOWN}; throttling, pauses and
 * backpressure are details under {@code UP} unless asked otherwise.
 */
class CustomerIoHealthContributorTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));

	private final GcraRateLimiter limiter = new GcraRateLimiter("customerio-track", 80, 1, Duration.ofSeconds(30),
			this.nanos::get, Map.of());

	private final RecentOutcomes outcomes = new RecentOutcomes(this.clock);

	private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

	private final Map<String, CustomerIoApiHealthIndicator.Check<?>> checks = new HashMap<>();

	private boolean backpressureOutOfService;

	CustomerIoHealthContributorTests() {
		this.beans.addBean("customerIoTrackResilience",
				new ApiResilience("track", this.limiter, Retry.ofDefaults("customerio-track")));
	}

	@Test
	void hasOneMemberPerApiSoEachCanBeProbedAlone() {
		this.outcomes.record("pipelines", "track", 200);

		assertThat(contributor().stream().map(ReactiveHealthContributors.Entry::name)).containsExactly("pipelines",
				"track");
		assertThat(contributor().getContributor("track")).isInstanceOf(CustomerIoApiHealthIndicator.class);
		assertThat(contributor().getContributor("app")).isNull();
	}

	@Test
	void upWhenNothingIsWrong() {
		Health health = api("track");

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("rate", 80.0)
			.containsEntry("configuredRate", 80.0)
			.doesNotContainKeys("pausedUntil", "throttled");
	}

	@Test
	void downWhenCredentialsWereRejectedAndNothingSucceededSince() {
		this.outcomes.record("track", "identify", 401);

		Health health = api("track");

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("credentialsRejectedAt", NOW.toString())
			.hasEntrySatisfying("reason", (reason) -> assertThat(reason.toString()).contains("401"));
	}

	@Test
	void upAgainOnceACallSucceedsAfterARejection() {
		this.outcomes.record("track", "identify", 401);
		this.outcomes.record("track", "identify", 200);

		assertThat(api("track").getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void a429PauseIsADetailUnderUp() {
		this.limiter.pauseUntil(this.nanos.get() + TimeUnit.SECONDS.toNanos(5));

		Health health = api("track");

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("pausedUntil", NOW.plusSeconds(5).toString());
	}

	@Test
	void aReducedAdaptiveRateIsADetailUnderUp() {
		this.limiter.changeRate(40);

		Health health = api("track");

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("rate", 40.0)
			.containsEntry("configuredRate", 80.0)
			.containsKey("throttled");
	}

	@Test
	void rejectedCredentialsOutweighAPause() {
		this.outcomes.record("track", "identify", 403);
		this.limiter.pauseUntil(this.nanos.get() + TimeUnit.SECONDS.toNanos(5));

		assertThat(api("track").getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void aQueueOverItsThresholdIsADetailUnderUpByDefault() {
		this.beans.addBean("trackQueue", QueueStatusStub.inMemory("track", 90, 100));

		Health health = delivery();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("track")).isEqualTo(
				Map.of("size", 90, "capacity", 100, "fillThreshold", 0.9, "overThreshold", true, "store", "memory"));
	}

	@Test
	void anOutboxShowsItsDepthAndOldestAge() {
		this.beans.addBean("trackQueue",
				new QueueStatusStub("track", 3, 100, "jdbc", 1200, Duration.ofSeconds(42)));

		Health health = delivery();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("track")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("store", "jdbc")
			.containsEntry("depth", 1200L)
			.containsEntry("oldestAge", "PT42S");
	}

	@Test
	void aQueueOverItsThresholdIsOutOfServiceWhenAskedFor() {
		this.backpressureOutOfService = true;
		this.beans.addBean("trackQueue", QueueStatusStub.inMemory("track", 90, 100));

		assertThat(delivery().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void aQueueBelowItsThresholdIsUpEvenWhenBackpressureCounts() {
		this.backpressureOutOfService = true;
		this.beans.addBean("trackQueue", QueueStatusStub.inMemory("track", 89, 100));

		assertThat(delivery().getStatus()).isEqualTo(Status.UP);
		assertThat(delivery().getDetails().get("track").toString()).contains("overThreshold=false");
	}

	@Test
	void noDeliveryMemberWithoutQueues() {
		assertThat(contributor().getContributor(CustomerIoHealthContributor.DELIVERY)).isNull();
		assertThat(contributor().stream().map(ReactiveHealthContributors.Entry::name))
			.doesNotContain(CustomerIoHealthContributor.DELIVERY);
	}

	@Test
	void theActiveCheckReportsTheRegionWhenItMatches() {
		this.checks.put("track", regionCheck(Mono.just(new RegionInfo("https://track.customer.io", "us", 1L))));

		Health health = api("track");

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("activeCheck").toString()).contains("status=UP", "region=us");
	}

	@Test
	void theActiveCheckIsDownWhenItFindsAProblem() {
		this.checks.put("track", regionCheck(Mono.just(new RegionInfo("https://track-eu.customer.io", "eu", 1L))));

		Health health = api("track");

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("activeCheck").toString()).contains("wrong region eu");
	}

	@Test
	void theActiveCheckIsDownWhenTheCredentialsAreRefused() {
		this.checks.put("track", regionCheck(
				Mono.error(new CustomerIoApiException("track", "region", 1, 401, java.util.List.of(), null))));

		assertThat(api("track").getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void anActiveCheckWithoutAnAnswerIsADetailUnderUp() {
		this.checks.put("track", regionCheck(Mono.error(new IllegalStateException("boom"))));

		Health health = api("track");

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("activeCheck").toString()).contains("status=UNKNOWN",
				"error=IllegalStateException");
	}

	@Test
	void anApiWithOnlyAnActiveCheckIsAMember() {
		this.checks.put("app", new CustomerIoApiHealthIndicator.Check<>(
				new ActiveCheck<>(() -> Mono.just("ok"), Duration.ofMinutes(5), Duration.ofSeconds(5), this.clock),
				(answer) -> null, (answer) -> Map.of()));

		assertThat(contributor().getContributor("app")).isNotNull();
	}

	private CustomerIoApiHealthIndicator.Check<RegionInfo> regionCheck(Mono<RegionInfo> answer) {
		return new CustomerIoApiHealthIndicator.Check<>(
				new ActiveCheck<>(() -> answer, Duration.ofMinutes(5), Duration.ofSeconds(5), this.clock),
				(info) -> "us".equals(info.region()) ? null : "wrong region " + info.region(),
				(info) -> Map.of("region", info.region()));
	}

	private CustomerIoHealthContributor contributor() {
		return new CustomerIoHealthContributor(this.beans.getBeanProvider(ApiResilience.class), this.outcomes,
				this.beans.getBeanProvider(DeliveryQueueStatus.class),
				new CustomerIoHealthProperties(0.9, this.backpressureOutOfService,
						new CustomerIoHealthProperties.ActiveCheck(false, Duration.ofMinutes(5), Duration.ofSeconds(10))),
				this.checks, this.clock);
	}

	private Health api(String name) {
		return ((CustomerIoApiHealthIndicator) contributor().getContributor(name)).health().block();
	}

	private Health delivery() {
		ReactiveHealthContributor member = contributor().getContributor(CustomerIoHealthContributor.DELIVERY);
		return ((HealthIndicator) member.asHealthContributor()).health();
	}

}
