package io.github.ciospring.customerio.autoconfigure.actuate.health;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.ciospring.customerio.http.RecentOutcomes;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.RateLimiterStatus;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of one Customer.io API instance ({@code customerio/track}, {@code customerio/app}, ...), from what its
 * client already knows, plus the optional active check.
 * <ul>
 * <li>{@code DOWN} when Customer.io rejected the credentials (401 or 403) and no call has succeeded since, or the
 * active check was refused or found the account in another region: the app cannot work until someone fixes the
 * configuration (as Boot reports a mail server or database that refuses its credentials);</li>
 * <li>{@code UP} otherwise. Throttling is normal operation, so a 429 pause ({@code pausedUntil}), a rate cut by
 * the adaptive throttle ({@code rate} below {@code configuredRate}) and an active check that could not get an answer
 * are details, never a reason to take the instance out of a load balancer.</li>
 * </ul>
 * Never a key or a customer identifier in the details.
 */
public class CustomerIoApiHealthIndicator implements ReactiveHealthIndicator {

	private final String api;

	private final Supplier<ApiResilience> resilience;

	private final RecentOutcomes recentOutcomes;

	private final Check<?> activeCheck;

	private final Clock clock;

	CustomerIoApiHealthIndicator(String api, Supplier<ApiResilience> resilience, RecentOutcomes recentOutcomes,
			Check<?> activeCheck, Clock clock) {
		this.api = api;
		this.resilience = resilience;
		this.recentOutcomes = recentOutcomes;
		this.activeCheck = activeCheck;
		this.clock = clock;
	}

	@Override
	public Mono<Health> health() {
		Health.Builder health = Health.up();
		RecentOutcomes.Snapshot outcomes = this.recentOutcomes.snapshot(this.api);
		if (outcomes.credentialsRejected()) {
			health.down()
				.withDetail("reason", "credentials rejected with HTTP " + outcomes.lastRejectionStatus()
						+ "; no successful call since")
				.withDetail("credentialsRejectedAt", outcomes.lastRejection().toString());
		}
		ApiResilience resilience = this.resilience.get();
		if (resilience != null && resilience.rateLimiter() instanceof RateLimiterStatus limiter) {
			health.withDetail("rate", limiter.getPermitsPerSecond());
			health.withDetail("configuredRate", limiter.getConfiguredPermitsPerSecond());
			if (limiter.getPermitsPerSecond() < limiter.getConfiguredPermitsPerSecond()) {
				health.withDetail("throttled", "rate cut after HTTP 429; recovering");
			}
			long pause = limiter.remainingPauseNanos();
			if (pause > 0) {
				health.withDetail("pausedUntil", this.clock.instant().plus(Duration.ofNanos(pause)).toString());
			}
		}
		if (outcomes.lastSuccess() != null) {
			health.withDetail("lastSuccessAt", outcomes.lastSuccess().toString());
		}
		if (outcomes.lastFailure() != null) {
			health.withDetail("lastFailureAt", outcomes.lastFailure().toString());
			health.withDetail("lastFailureStatus", outcomes.lastFailureStatus());
		}
		if (this.activeCheck == null) {
			return Mono.just(health.build());
		}
		return this.activeCheck.evaluate().map((check) -> {
			health.withDetail("activeCheck", check.details());
			if (check.down()) {
				health.down();
			}
			return health.build();
		});
	}

	/**
	 * An API's active check and how to read its answer.
	 *
	 * @param check the cached call
	 * @param problem what is wrong with a successful answer (for example a region other than configured), or
	 * {@code null} when it is right
	 * @param describe the details of a successful answer
	 * @param <T> what the call answers
	 */
	public record Check<T>(ActiveCheck<T> check, Function<T, String> problem, Function<T, Map<String, Object>> describe) {

		Mono<Verdict> evaluate() {
			return this.check.result().map((result) -> {
				Map<String, Object> details = new LinkedHashMap<>();
				boolean down = false;
				if (result.error() != null) {
					details.put("status", result.credentialsRejected() ? Status.DOWN.getCode() : Status.UNKNOWN.getCode());
					details.put("error", result.error());
					down = result.credentialsRejected();
				}
				else {
					String problem = this.problem.apply(result.value());
					down = problem != null;
					details.put("status", down ? Status.DOWN.getCode() : Status.UP.getCode());
					if (problem != null) {
						details.put("error", problem);
					}
					details.putAll(this.describe.apply(result.value()));
				}
				details.put("checkedAt", result.checkedAt().toString());
				return new Verdict(down, details);
			});
		}

	}

	record Verdict(boolean down, Map<String, Object> details) {

	}

}
