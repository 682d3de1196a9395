package io.github.ciospring.customerio.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.github.ciospring.customerio.Region;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.resilience.RetrySettings;
import io.github.ciospring.customerio.support.TestClients;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of {@code customerio.*} and {@code customerio.track.*}, their defaults, and the metadata IDEs read.
 */
class CustomerIoTrackPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsAreUsRegion80PerSecondBurst1And4AttemptsOnTransientFailures() {
		this.runner.run((context) -> {
			CustomerIoProperties common = context.getBean(CustomerIoProperties.class);
			CustomerIoTrackProperties track = context.getBean(CustomerIoTrackProperties.class);
			assertThat(common.enabled()).isTrue();
			assertThat(common.region()).isEqualTo(Region.US);
			assertThat(track.enabled()).isNull();
			assertThat(track.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(track.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(track.resolveBaseUrl(common.region())).isEqualTo("https://track.customer.io");
			assertThat(track.rateLimit().resolve(CustomerIoTrackProperties.DEFAULT_RATE_LIMIT))
				.isEqualTo(new RateLimitSettings(80, 1, Duration.ofSeconds(30)));
			assertThat(track.retry().resolve(CustomerIoTrackProperties.DEFAULT_RETRY))
				.isEqualTo(new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(300),
						RetryOn.TRANSIENT_FAILURES));
		});
	}

	@Test
	void bindsEveryTrackProperty() {
		this.runner
			.withPropertyValues("customerio.region=eu", "customerio.track.enabled=true",
					"customerio.track.site-id=site", "customerio.track.api-key=key",
					"customerio.track.base-url=http://proxy:8080", "customerio.track.connect-timeout=2s",
					"customerio.track.response-timeout=10s", "customerio.track.rate-limit.requests-per-second=12.5",
					"customerio.track.rate-limit.burst=2", "customerio.track.rate-limit.max-wait=1m",
					"customerio.track.retry.max-attempts=6", "customerio.track.retry.initial-backoff=100ms",
					"customerio.track.retry.max-backoff=5s", "customerio.track.retry.max-retry-after=60s",
					"customerio.track.retry.retry-on=surely-undelivered")
			.run((context) -> {
				CustomerIoProperties common = context.getBean(CustomerIoProperties.class);
				CustomerIoTrackProperties track = context.getBean(CustomerIoTrackProperties.class);
				assertThat(common.region()).isEqualTo(Region.EU);
				assertThat(track.enabled()).isTrue();
				assertThat(track.siteId()).isEqualTo("site");
				assertThat(track.apiKey()).isEqualTo("key");
				assertThat(track.resolveBaseUrl(common.region())).isEqualTo("http://proxy:8080");
				assertThat(track.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(track.responseTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(track.rateLimit().resolve(CustomerIoTrackProperties.DEFAULT_RATE_LIMIT))
					.isEqualTo(new RateLimitSettings(12.5, 2, Duration.ofMinutes(1)));
				assertThat(track.retry().resolve(CustomerIoTrackProperties.DEFAULT_RETRY)).isEqualTo(new RetrySettings(6,
						Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(60), RetryOn.SURELY_UNDELIVERED));
			});
	}

	@Test
	void anUnsetNestedValueKeepsTheTrackDefault() {
		this.runner.withPropertyValues("customerio.track.rate-limit.burst=5", "customerio.track.retry.max-attempts=2")
			.run((context) -> {
				CustomerIoTrackProperties track = context.getBean(CustomerIoTrackProperties.class);
				assertThat(track.rateLimit().resolve(CustomerIoTrackProperties.DEFAULT_RATE_LIMIT))
					.isEqualTo(new RateLimitSettings(80, 5, Duration.ofSeconds(30)));
				assertThat(track.retry().resolve(CustomerIoTrackProperties.DEFAULT_RETRY).initialBackoff())
					.isEqualTo(Duration.ofMillis(500));
			});
	}

	@Test
	void regionEuPicksTheTrackEuHost() {
		this.runner.withPropertyValues("customerio.region=eu")
			.run((context) -> assertThat(context.getBean(CustomerIoTrackProperties.class)
				.resolveBaseUrl(context.getBean(CustomerIoProperties.class).region()))
				.isEqualTo("https://track-eu.customer.io"));
	}

	@Test
	void toStringMasksTheApiKey() {
		this.runner.withPropertyValues("customerio.track.site-id=site", "customerio.track.api-key=" + TestClients.API_KEY)
			.run((context) -> {
				String text = context.getBean(CustomerIoTrackProperties.class).toString();
				assertThat(text).doesNotContain(TestClients.API_KEY).contains("apiKey=******", "siteId=site");
			});
	}

	@Test
	void generatedMetadataDocumentsTheTrackPropertiesWithTheirDefaults() throws IOException {
		Map<String, JsonNode> properties = customerIoMetadata();

		assertThat(properties).containsKeys("customerio.enabled", "customerio.region", "customerio.track.enabled",
				"customerio.track.site-id", "customerio.track.api-key", "customerio.track.base-url",
				"customerio.track.connect-timeout", "customerio.track.response-timeout");
		assertThat(properties.get("customerio.track.api-key").path("description").asString()).isNotBlank();
		assertThat(defaultOf(properties, "customerio.track.rate-limit.requests-per-second")).isEqualTo("80");
		assertThat(defaultOf(properties, "customerio.track.rate-limit.burst")).isEqualTo("1");
		assertThat(defaultOf(properties, "customerio.track.rate-limit.max-wait")).isEqualTo("30s");
		assertThat(defaultOf(properties, "customerio.track.retry.max-attempts")).isEqualTo("4");
		assertThat(defaultOf(properties, "customerio.track.retry.initial-backoff")).isEqualTo("500ms");
		assertThat(defaultOf(properties, "customerio.track.retry.max-backoff")).isEqualTo("30s");
		assertThat(defaultOf(properties, "customerio.track.retry.max-retry-after")).isEqualTo("300s");
		assertThat(defaultOf(properties, "customerio.track.retry.retry-on")).isEqualTo("transient-failures");
		assertThat(defaultOf(properties, "customerio.track.connect-timeout")).isEqualTo("5s");
	}

	@Test
	void metadataDefaultsMatchTheDefaultsInForce() throws IOException {
		Map<String, JsonNode> properties = customerIoMetadata();
		RateLimitSettings rateLimit = CustomerIoTrackProperties.DEFAULT_RATE_LIMIT;
		RetrySettings retry = CustomerIoTrackProperties.DEFAULT_RETRY;

		assertThat(Double.parseDouble(defaultOf(properties, "customerio.track.rate-limit.requests-per-second")))
			.isEqualTo(rateLimit.permitsPerSecond());
		assertThat(Integer.parseInt(defaultOf(properties, "customerio.track.rate-limit.burst")))
			.isEqualTo(rateLimit.burst());
		assertThat(duration(properties, "customerio.track.rate-limit.max-wait")).isEqualTo(rateLimit.maxWait());
		assertThat(Integer.parseInt(defaultOf(properties, "customerio.track.retry.max-attempts")))
			.isEqualTo(retry.maxAttempts());
		assertThat(duration(properties, "customerio.track.retry.initial-backoff")).isEqualTo(retry.initialBackoff());
		assertThat(duration(properties, "customerio.track.retry.max-backoff")).isEqualTo(retry.maxBackoff());
		assertThat(duration(properties, "customerio.track.retry.max-retry-after")).isEqualTo(retry.maxRetryAfter());
		assertThat(defaultOf(properties, "customerio.track.retry.retry-on"))
			.isEqualTo(retry.retryOn().name().toLowerCase(Locale.ROOT).replace('_', '-'));
	}

	private static Duration duration(Map<String, JsonNode> properties, String name) {
		return DurationStyle.detectAndParse(defaultOf(properties, name));
	}

	private static String defaultOf(Map<String, JsonNode> properties, String name) {
		assertThat(properties).containsKey(name);
		return properties.get(name).path("defaultValue").asString();
	}

	/** Every {@code customerio.*} property in the generated metadata on the classpath, by name. */
	private static Map<String, JsonNode> customerIoMetadata() throws IOException {
		Map<String, JsonNode> properties = new HashMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		for (URL url : Collections.list(CustomerIoTrackPropertiesTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : mapper.readTree(in).path("properties").values()) {
					String name = property.path("name").asString();
					if (name.startsWith("customerio.")) {
						properties.put(name, property);
					}
				}
			}
		}
		return properties;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ CustomerIoProperties.class, CustomerIoTrackProperties.class })
	static class PropertiesConfiguration {

	}

}
