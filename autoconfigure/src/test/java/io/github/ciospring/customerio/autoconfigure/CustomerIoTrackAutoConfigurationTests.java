package io.github.ciospring.customerio.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.RateLimiterStatus;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.resilience.RetrySettings;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the Track client is configured, what it is built from, and what a user can replace.
 */
class CustomerIoTrackAutoConfigurationTests {

	private static final String[] CREDENTIALS = { "customerio.track.site-id=" + TestClients.SITE_ID,
			"customerio.track.api-key=" + TestClients.API_KEY };

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WebClientAutoConfiguration.class, CustomerIoAutoConfiguration.class,
					CustomerIoTrackAutoConfiguration.class));

	@Test
	void createsTheTrackClientAndItsResilienceWhenCredentialsAreSet() {
		this.runner.withPropertyValues(CREDENTIALS).run((context) -> {
			assertThat(context).hasSingleBean(TrackClient.class);
			assertThat(context).hasBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN);
			assertThat(context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN, ApiResilience.class).api())
				.isEqualTo("track");
		});
	}

	@Test
	void createsNoTrackClientWithoutCredentials() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TrackClient.class);
			assertThat(context).doesNotHaveBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN);
		});
	}

	@Test
	void createsNothingWhenCustomerIoIsDisabled() {
		this.runner.withPropertyValues(CREDENTIALS).withPropertyValues("customerio.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TrackClient.class);
			assertThat(context).doesNotHaveBean(ApiResilienceFactory.class);
			assertThat(context).doesNotHaveBean(CustomerIoHttpClientFactory.class);
		});
	}

	@Test
	void createsNoTrackClientWhenTrackIsDisabled() {
		this.runner.withPropertyValues(CREDENTIALS).withPropertyValues("customerio.track.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TrackClient.class);
			assertThat(context).doesNotHaveBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN);
		});
	}

	@Test
	void enabledWithoutCredentialsFailsStartupNamingBothProperties() {
		this.runner.withPropertyValues("customerio.track.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("customerio.track.site-id");
					assertThat(ex.getMessage()).contains("customerio.track.site-id", "customerio.track.api-key");
				});
		});
	}

	@Test
	void aSiteIdWithoutApiKeyFailsStartupNamingTheApiKey() {
		this.runner.withPropertyValues("customerio.track.site-id=" + TestClients.SITE_ID).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("customerio.track.api-key");
					assertThat(ex.getMessage()).doesNotContain("customerio.track.site-id");
				});
		});
	}

	@Test
	void aBlankApiKeyFailsStartupNamingIt() {
		this.runner.withPropertyValues("customerio.track.site-id=" + TestClients.SITE_ID, "customerio.track.api-key= ")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("customerio.track.api-key")));
	}

	@Test
	void aUserDefinedTrackClientWins() {
		this.runner.withPropertyValues(CREDENTIALS)
			.withUserConfiguration(UserTrackClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(TrackClient.class);
				assertThat(context.getBean(TrackClient.class))
					.isSameAs(context.getBean(UserTrackClientConfiguration.class).client);
			});
	}

	@Test
	void aUserDefinedTrackResilienceWins() {
		this.runner.withPropertyValues(CREDENTIALS)
			.withUserConfiguration(UserResilienceConfiguration.class)
			.run((context) -> {
				ApiResilience resilience = context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN,
						ApiResilience.class);
				assertThat(resilience.retry().getRetryConfig().getMaxAttempts()).isEqualTo(7);
				assertThat(context).hasSingleBean(TrackClient.class);
			});
	}

	@Test
	void theLimiterAndRetryFollowTheProperties() {
		this.runner.withPropertyValues(CREDENTIALS)
			.withPropertyValues("customerio.track.rate-limit.requests-per-second=40",
					"customerio.track.rate-limit.burst=3", "customerio.track.rate-limit.max-wait=5s",
					"customerio.track.retry.max-attempts=2")
			.run((context) -> {
				ApiResilience resilience = context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN,
						ApiResilience.class);
				assertThat(resilience.rateLimiter()).isInstanceOfSatisfying(RateLimiterStatus.class, (limiter) -> {
					assertThat(limiter.getConfiguredPermitsPerSecond()).isEqualTo(40.0);
					assertThat(limiter.getBurst()).isEqualTo(3);
				});
				assertThat(resilience.maxWait()).isEqualTo(Duration.ofSeconds(5));
				assertThat(resilience.retry().getRetryConfig().getMaxAttempts()).isEqualTo(2);
			});
	}

	@Test
	void theLimiterAndRetryDefaultTo80PerSecondAnd4Attempts() {
		this.runner.withPropertyValues(CREDENTIALS).run((context) -> {
			ApiResilience resilience = context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN,
					ApiResilience.class);
			assertThat(resilience.rateLimiter()).isInstanceOfSatisfying(RateLimiterStatus.class, (limiter) -> {
				assertThat(limiter.getConfiguredPermitsPerSecond()).isEqualTo(80.0);
				assertThat(limiter.getBurst()).isEqualTo(1);
			});
			assertThat(resilience.maxWait()).isEqualTo(Duration.ofSeconds(30));
			assertThat(resilience.retry().getRetryConfig().getMaxAttempts()).isEqualTo(4);
		});
	}

	@Test
	void requestsGoToTheUsHostByDefault() {
		this.runner.withPropertyValues(CREDENTIALS)
			.withUserConfiguration(CapturingExchangeConfiguration.class)
			.run((context) -> assertThat(identifyAndCapture(context).url())
				.hasToString("https://track.customer.io/api/v1/customers/42"));
	}

	@Test
	void regionEuPicksTheEuHost() {
		this.runner.withPropertyValues(CREDENTIALS)
			.withPropertyValues("customerio.region=eu")
			.withUserConfiguration(CapturingExchangeConfiguration.class)
			.run((context) -> assertThat(identifyAndCapture(context).url())
				.hasToString("https://track-eu.customer.io/api/v1/customers/42"));
	}

	@Test
	void baseUrlOverridesTheRegionsHost() {
		this.runner.withPropertyValues(CREDENTIALS)
			.withPropertyValues("customerio.region=eu", "customerio.track.base-url=http://localhost:8089")
			.withUserConfiguration(CapturingExchangeConfiguration.class)
			.run((context) -> assertThat(identifyAndCapture(context).url())
				.hasToString("http://localhost:8089/api/v1/customers/42"));
	}

	@Test
	void requestsCarryTheConfiguredCredentialsAsBasicAuthentication() {
		this.runner.withPropertyValues(CREDENTIALS)
			.withUserConfiguration(CapturingExchangeConfiguration.class)
			.run((context) -> assertThat(identifyAndCapture(context).headers().getFirst("Authorization"))
				.isEqualTo(TestClients.trackAuthorization()));
	}

	@Test
	void theWebClientIsBuiltFromBootsBuilder() {
		this.runner.withPropertyValues(CREDENTIALS)
			.withUserConfiguration(CapturingExchangeConfiguration.class, BootWebClientCustomizerConfiguration.class)
			.run((context) -> assertThat(identifyAndCapture(context).headers().getFirst("X-Applied-By"))
				.isEqualTo("boot"));
	}

	@Test
	void limiterAndRetryAreRegisteredInTheApplicationsResilience4jRegistries() {
		this.runner.withConfiguration(
				AutoConfigurations.of(RateLimiterAutoConfiguration.class, RetryAutoConfiguration.class))
			.withPropertyValues(CREDENTIALS)
			.run((context) -> {
				ApiResilience resilience = context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN,
						ApiResilience.class);
				assertThat(context).hasSingleBean(RateLimiterRegistry.class).hasSingleBean(RetryRegistry.class);
				assertThat(context.getBean(RateLimiterRegistry.class).find("customerio-track"))
					.containsSame(resilience.rateLimiter());
				assertThat(context.getBean(RetryRegistry.class).find("customerio-track"))
					.containsSame(resilience.retry());
			});
	}

	@Test
	void limiterAndRetryAreRegisteredInRegistriesOfTheirOwnWithoutResilience4jSpringBoot() {
		this.runner.withClassLoader(new FilteredClassLoader("io.github.resilience4j.springboot"))
			.withPropertyValues(CREDENTIALS)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RateLimiterRegistry.class).doesNotHaveBean(RetryRegistry.class);
				ApiResilience resilience = context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN,
						ApiResilience.class);
				ApiResilienceFactory factory = context.getBean(ApiResilienceFactory.class);
				assertThat(factory.rateLimiterRegistry().find("customerio-track")).containsSame(resilience.rateLimiter());
				assertThat(factory.retryRegistry().find("customerio-track")).containsSame(resilience.retry());
			});
	}

	@Test
	void bothAutoConfigurationsAreListedForSpringBootToFind() {
		List<String> candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates();

		assertThat(candidates).contains(CustomerIoAutoConfiguration.class.getName(),
				CustomerIoTrackAutoConfiguration.class.getName());
	}

	private static ClientRequest identifyAndCapture(AssertableApplicationContext context) {
		context.getBean(TrackClient.class).identify(Identify.person("42").build()).block(Duration.ofSeconds(5));
		List<ClientRequest> requests = context.getBean(CapturingExchangeConfiguration.class).requests;
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTrackClientConfiguration {

		final TrackClient client = new TestClients().track("http://localhost:1",
				TestClients.quickRetries(1, RetryOn.NEVER));

		@Bean
		TrackClient myTrackClient() {
			return this.client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserResilienceConfiguration {

		@Bean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN)
		ApiResilience myTrackResilience() {
			return ApiResilienceFactory.standalone()
				.create("track", new RateLimitSettings(10, 1, Duration.ofSeconds(1)),
						new RetrySettings(7, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1),
								RetryOn.TRANSIENT_FAILURES));
		}

	}

	/** Answers every Customer.io request with 200 without a network, and keeps the requests. */
	@Configuration(proxyBeanMethods = false)
	static class CapturingExchangeConfiguration {

		final List<ClientRequest> requests = new CopyOnWriteArrayList<>();

		@Bean
		CustomerIoWebClientCustomizer capturingExchange() {
			return (api, builder) -> builder.exchangeFunction((request) -> {
				this.requests.add(request);
				return Mono.just(ClientResponse.create(HttpStatus.OK).build());
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BootWebClientCustomizerConfiguration {

		@Bean
		WebClientCustomizer markingCustomizer() {
			return (builder) -> builder.defaultHeader("X-Applied-By", "boot");
		}

	}

}
