package io.github.ciospring.customerio.autoconfigure;

import java.time.Duration;

import io.github.ciospring.customerio.Region;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.resilience.RetrySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The App API client ({@code AppClient}): transactional messages, broadcast triggers, lookups and exports.
 *
 * @param enabled whether to create the client; by default it is created when {@code api-key} is set, and
 * {@code true} makes a missing key fail startup
 * @param apiKey the App API key, or a service-account token (sent as a bearer token)
 * @param workspaceId the workspace to act in, sent as {@code X-Workspace-Id}; needed only with a service-account
 * token
 * @param baseUrl overrides the region's host, for tests and proxies
 * @param connectTimeout how long opening a connection may take
 * @param responseTimeout how long one attempt may take, send to full response
 * @param rateLimit the rate limit of lookups and exports ({@code customerio-app}), default 10 requests per
 * second, burst 1
 * @param retry the retry of lookups and exports, default 4 attempts on transient failures
 * @param transactional the rate limit and retry of transactional sends ({@code customerio-transactional}), default
 * 80 per second, retried only when surely undelivered
 * @param broadcasts the rate limit and retry of broadcast triggers ({@code customerio-broadcasts}), default 1 per
 * 10 seconds with a max-wait of 60s, retried only when surely undelivered
 * @param ssl the SSL bundle of this API ({@code customerio.app.ssl.bundle}), overriding
 * {@code customerio.http.ssl.bundle}
 */
@ConfigurationProperties("customerio.app")
public record CustomerIoAppProperties(Boolean enabled, String apiKey, Long workspaceId, String baseUrl,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration responseTimeout,
		@DefaultValue @NestedConfigurationProperty RateLimitProperties rateLimit,
		@DefaultValue @NestedConfigurationProperty RetryProperties retry,
		@DefaultValue Instance transactional, @DefaultValue Instance broadcasts,
		@DefaultValue @NestedConfigurationProperty SslProperties ssl) {

	static final RateLimitSettings DEFAULT_RATE_LIMIT = new RateLimitSettings(10, 1, Duration.ofSeconds(30));

	static final RetrySettings DEFAULT_RETRY = RetrySettings.defaults(RetryOn.TRANSIENT_FAILURES);

	static final RateLimitSettings DEFAULT_TRANSACTIONAL_RATE_LIMIT = new RateLimitSettings(80, 1,
			Duration.ofSeconds(30));

	static final RetrySettings DEFAULT_TRANSACTIONAL_RETRY = RetrySettings.defaults(RetryOn.SURELY_UNDELIVERED);

	static final RateLimitSettings DEFAULT_BROADCASTS_RATE_LIMIT = new RateLimitSettings(0.1, 1,
			Duration.ofSeconds(60));

	static final RetrySettings DEFAULT_BROADCASTS_RETRY = RetrySettings.defaults(RetryOn.SURELY_UNDELIVERED);

	String resolveBaseUrl(Region region) {
		return (this.baseUrl != null && !this.baseUrl.isBlank()) ? this.baseUrl : region.appUrl();
	}

	@Override
	public String toString() {
		return "CustomerIoAppProperties[enabled=" + this.enabled + ", apiKey="
				+ ((this.apiKey != null) ? "******" : null) + ", workspaceId=" + this.workspaceId + ", baseUrl="
				+ this.baseUrl + ", rateLimit=" + this.rateLimit + ", retry=" + this.retry + ", transactional="
				+ this.transactional + ", broadcasts=" + this.broadcasts + ", ssl=" + this.ssl + "]";
	}

	/**
	 * The rate limit and retry of one App API limiter instance. Unset values take the instance's own default.
	 *
	 * @param rateLimit the rate limit
	 * @param retry the retry policy
	 */
	public record Instance(@DefaultValue @NestedConfigurationProperty RateLimitProperties rateLimit,
			@DefaultValue @NestedConfigurationProperty RetryProperties retry) {

	}

}
