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
 * The Track API client ({@code TrackClient}).
 *
 * @param enabled whether to create the client; by default it is created when {@code site-id} or {@code api-key}
 * is set, and {@code true} makes missing credentials fail startup
 * @param siteId the workspace's site id (Basic auth user name)
 * @param apiKey the workspace's Track API key (Basic auth password)
 * @param baseUrl overrides the region's host, for tests and proxies
 * @param connectTimeout how long opening a connection may take
 * @param responseTimeout how long one attempt may take, send to full response
 * @param rateLimit the rate limit, default 80 requests per second, burst 1
 * @param retry the retry policy, default 4 attempts on transient failures
 * @param ssl the SSL bundle of this API ({@code customerio.track.ssl.bundle}), overriding
 * {@code customerio.http.ssl.bundle}
 */
@ConfigurationProperties("customerio.track")
public record CustomerIoTrackProperties(@Nullable Boolean enabled, @Nullable String siteId, @Nullable String apiKey,
		@Nullable String baseUrl,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration responseTimeout,
		@DefaultValue @NestedConfigurationProperty RateLimitProperties rateLimit,
		@DefaultValue @NestedConfigurationProperty RetryProperties retry,
		@DefaultValue @NestedConfigurationProperty SslProperties ssl) {

	static final RateLimitSettings DEFAULT_RATE_LIMIT = new RateLimitSettings(80, 1, Duration.ofSeconds(30));

	static final RetrySettings DEFAULT_RETRY = RetrySettings.defaults(RetryOn.TRANSIENT_FAILURES);

	String resolveBaseUrl(Region region) {
		return (this.baseUrl != null && !this.baseUrl.isBlank()) ? this.baseUrl : region.trackUrl();
	}

	@Override
	public String toString() {
		return "CustomerIoTrackProperties[enabled=" + this.enabled + ", siteId=" + this.siteId + ", apiKey="
				+ ((this.apiKey != null) ? "******" : null) + ", baseUrl=" + this.baseUrl + ", rateLimit="
				+ this.rateLimit + ", retry=" + this.retry + ", ssl=" + this.ssl + "]";
	}

}
