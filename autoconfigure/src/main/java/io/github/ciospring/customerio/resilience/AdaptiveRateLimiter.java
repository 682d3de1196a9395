package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * The adaptive throttle: a limiter whose rate an {@link AdaptiveRateController} sets. A 429 pauses every caller of
 * the limiter together and cuts its rate; before each reservation the rate is brought up to date, so it recovers
 * without a thread of its own. Permits come from the wrapped limiter, local or shared.
 */
public final class AdaptiveRateLimiter implements PausableRateLimiter, RateLimitedListener {

	private final PausableRateLimiter delegate;

	private final AdaptiveRateController controller;

	private volatile double appliedRate;

	public AdaptiveRateLimiter(PausableRateLimiter delegate, AdaptiveRateController controller) {
		this.delegate = delegate;
		this.controller = controller;
		this.appliedRate = delegate.getPermitsPerSecond();
		applyCurrentRate();
	}

	/** The policy that sets this limiter's rate. */
	public AdaptiveRateController controller() {
		return this.controller;
	}

	/** The limiter permits come from. */
	public PausableRateLimiter delegate() {
		return this.delegate;
	}

	@Override
	public void onRateLimited(Duration retryAfter) {
		AdaptiveRateController.Throttle throttle = this.controller.onRateLimited(retryAfter);
		apply(throttle.permitsPerSecond());
		if (!throttle.pause().isZero()) {
			this.delegate.pauseFor(throttle.pause());
		}
	}

	@Override
	public void onAccepted() {
		this.controller.onAccepted();
	}

	private void applyCurrentRate() {
		apply(this.controller.currentRate());
	}

	private void apply(double rate) {
		if (rate != this.appliedRate) {
			this.appliedRate = rate;
			this.delegate.changeRate(rate);
		}
	}

	@Override
	public long reservePermission(int permits) {
		applyCurrentRate();
		return this.delegate.reservePermission(permits);
	}

	@Override
	public boolean acquirePermission(int permits) {
		applyCurrentRate();
		return this.delegate.acquirePermission(permits);
	}

	/** The rate callers are held to now. */
	@Override
	public double getPermitsPerSecond() {
		return this.controller.currentRate();
	}

	/** Changes the configured rate, the ceiling the adaptive rate recovers to. */
	@Override
	public void changeRate(double permitsPerSecond) {
		this.controller.changeConfiguredRate(permitsPerSecond);
		applyCurrentRate();
	}

	/** The configured rate, the ceiling the adaptive rate recovers to. */
	@Override
	public double getConfiguredPermitsPerSecond() {
		return this.controller.configuredRate();
	}

	@Override
	public int getBurst() {
		return this.delegate.getBurst();
	}

	@Override
	public long remainingPauseNanos() {
		return this.delegate.remainingPauseNanos();
	}

	@Override
	public void pauseFor(Duration pause) {
		this.delegate.pauseFor(pause);
	}

	@Override
	public boolean reservationBlocks() {
		return this.delegate.reservationBlocks();
	}

	@Override
	public void drainPermissions() {
		this.delegate.drainPermissions();
	}

	@Override
	public void changeTimeoutDuration(Duration timeoutDuration) {
		this.delegate.changeTimeoutDuration(timeoutDuration);
	}

	/**
	 * Sets the configured rate to {@code limitForPeriod} per refresh period of the reported config (which reflects
	 * the current rate).
	 */
	@Override
	public void changeLimitForPeriod(int limitForPeriod) {
		double periodSeconds = getRateLimiterConfig().getLimitRefreshPeriod().toNanos() / 1e9;
		changeRate(limitForPeriod / periodSeconds);
	}

	@Override
	public String getName() {
		return this.delegate.getName();
	}

	@Override
	public RateLimiterConfig getRateLimiterConfig() {
		applyCurrentRate();
		return this.delegate.getRateLimiterConfig();
	}

	@Override
	public Map<String, String> getTags() {
		return this.delegate.getTags();
	}

	@Override
	public Metrics getMetrics() {
		return this.delegate.getMetrics();
	}

	@Override
	public EventPublisher getEventPublisher() {
		return this.delegate.getEventPublisher();
	}

	@Override
	public String toString() {
		return "AdaptiveRateLimiter{" + this.delegate + ", configuredRate=" + this.controller.configuredRate() + "}";
	}

}
