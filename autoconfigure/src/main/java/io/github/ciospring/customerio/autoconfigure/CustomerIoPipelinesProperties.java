package io.github.ciospring.customerio.autoconfigure;

import java.time.Duration;

import io.github.ciospring.customerio.Region;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.resilience.RetrySettings;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Pipelines (Data Pipelines, CDP) API client ({@code PipelinesClient}).
 *
 * @param enabled whether to create the client; by default it is created when {@code api-key} is set, and
 * {@code true} makes a missing key fail startup
 * @param apiKey the API key of the workspace's HTTP source (Basic auth user name, empty password)
 * @param baseUrl overrides the region's host (cdp.customer.io or cdp-eu.customer.io), for tests and proxies
 * @param strictMode whether to send {@code X-Strict-Mode: 1}, so Customer.io answers 400/401 to an invalid call
 * instead of 200 (default true)
 * @param connectTimeout how long opening a connection may take
 * @param responseTimeout how long one attempt may take, send to full response
 * @param rateLimit the rate limit, default 80 requests per second, burst 1
 * @param retry the retry policy, default 4 attempts on transient failures (safe: Customer.io recognises a repeated
 * messageId)
 * @param ssl the SSL bundle of this API ({@code customerio.pipelines.ssl.bundle}), overriding
 * {@code customerio.http.ssl.bundle}
 */
@ConfigurationProperties("customerio.pipelines")
public record CustomerIoPipelinesProperties(@Nullable Boolean enabled, @Nullable String apiKey,
		@Nullable String baseUrl,
		@DefaultValue("true") boolean strictMode, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration responseTimeout,
		@DefaultValue @NestedConfigurationProperty RateLimitProperties rateLimit,
		@DefaultValue @NestedConfigurationProperty RetryProperties retry,
		@DefaultValue @NestedConfigurationProperty SslProperties ssl) {

	static final RateLimitSettings DEFAULT_RATE_LIMIT = new RateLimitSettings(80, 1, Duration.ofSeconds(30));

	static final RetrySettings DEFAULT_RETRY = RetrySettings.defaults(RetryOn.TRANSIENT_FAILURES);

	String resolveBaseUrl(Region region) {
		return (this.baseUrl != null && !this.baseUrl.isBlank()) ? this.baseUrl : region.pipelinesUrl();
	}

	@Override
	public String toString() {
		return "CustomerIoPipelinesProperties[enabled=" + this.enabled + ", apiKey="
				+ ((this.apiKey != null) ? "******" : null) + ", baseUrl=" + this.baseUrl + ", strictMode="
				+ this.strictMode + ", connectTimeout=" + this.connectTimeout + ", responseTimeout="
				+ this.responseTimeout + ", rateLimit=" + this.rateLimit + ", retry=" + this.retry + ", ssl=" + this.ssl
				+ "]";
	}

}
