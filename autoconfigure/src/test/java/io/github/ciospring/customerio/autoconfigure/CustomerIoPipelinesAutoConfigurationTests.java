package io.github.ciospring.customerio.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.pipelines.IdentifyMessage;
import io.github.ciospring.customerio.pipelines.PipelinesClient;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.RateLimiterStatus;
import io.github.ciospring.customerio.resilience.RetryOn;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * When the Pipelines client is created, how it is configured, and what the user can replace.
 */
class CustomerIoPipelinesAutoConfigurationTests {

	private static final String API_KEY = "pipelines-key-0123456789";

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(CustomerIoAutoConfiguration.class, CustomerIoPipelinesAutoConfiguration.class));

	@Test
	void clientIsCreatedWhenAnApiKeyIsSet() {
		this.runner.withPropertyValues("customerio.pipelines.api-key=" + API_KEY)
			.run((context) -> assertThat(context).hasSingleBean(PipelinesClient.class)
				.hasBean(CustomerIoPipelinesAutoConfiguration.RESILIENCE_BEAN));
	}

	@Test
	void noClientWithoutAnApiKey() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(PipelinesClient.class)
			.doesNotHaveBean(CustomerIoPipelinesAutoConfiguration.RESILIENCE_BEAN));
	}

	@Test
	void noClientWhenPipelinesIsDisabled() {
		this.runner
			.withPropertyValues("customerio.pipelines.api-key=" + API_KEY, "customerio.pipelines.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PipelinesClient.class));
	}

	@Test
	void noClientWhenCustomerIoIsDisabled() {
		this.runner.withPropertyValues("customerio.pipelines.api-key=" + API_KEY, "customerio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PipelinesClient.class));
	}

	@Test
	void enabledWithoutAnApiKeyFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("customerio.pipelines.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("customerio.pipelines.api-key");
		});
	}

	@Test
	void userClientWins() {
		this.runner.withPropertyValues("customerio.pipelines.api-key=" + API_KEY)
			.withUserConfiguration(UserClientConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(PipelinesClient.class)
				.getBean(PipelinesClient.class)
				.isSameAs(context.getBean(UserClientConfiguration.class).client));
	}

	@Test
	void userResilienceWins() {
		this.runner.withPropertyValues("customerio.pipelines.api-key=" + API_KEY)
			.withUserConfiguration(UserResilienceConfiguration.class)
			.run((context) -> assertThat(
					context.getBean(CustomerIoPipelinesAutoConfiguration.RESILIENCE_BEAN, ApiResilience.class).api())
				.isEqualTo("pipelines-custom"));
	}

	@Test
	void defaultsAreEightyPerSecondBurstOneFourAttemptsOnTransientFailuresAndStrictMode() {
		this.runner.withPropertyValues("customerio.pipelines.api-key=" + API_KEY).run((context) -> {
			CustomerIoPipelinesProperties properties = context.getBean(CustomerIoPipelinesProperties.class);
			assertThat(properties.strictMode()).isTrue();
			assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
			ApiResilience resilience = context.getBean(CustomerIoPipelinesAutoConfiguration.RESILIENCE_BEAN,
					ApiResilience.class);
			assertThat(resilience.api()).isEqualTo("pipelines");
			RateLimiterStatus limiter = (RateLimiterStatus) resilience.rateLimiter();
			assertThat(limiter.getConfiguredPermitsPerSecond()).isEqualTo(80.0);
			assertThat(limiter.getBurst()).isEqualTo(1);
			assertThat(resilience.maxWait()).isEqualTo(Duration.ofSeconds(30));
			assertThat(resilience.retry().getRetryConfig().getMaxAttempts()).isEqualTo(4);
			Predicate<Throwable> retried = resilience.retry().getRetryConfig().getExceptionPredicate();
			assertThat(retried.test(apiError(503))).isTrue();
			assertThat(retried.test(apiError(429))).isTrue();
			assertThat(retried.test(apiError(400))).isFalse();
		});
	}

	@Test
	void limiterAndRetryAreRegisteredAsCustomerIoPipelines() {
		this.runner.withPropertyValues("customerio.pipelines.api-key=" + API_KEY).run((context) -> {
			ApiResilienceFactory factory = context.getBean(ApiResilienceFactory.class);
			ApiResilience resilience = context.getBean(CustomerIoPipelinesAutoConfiguration.RESILIENCE_BEAN,
					ApiResilience.class);
			assertThat(factory.rateLimiterRegistry().find("customerio-pipelines"))
				.containsSame(resilience.rateLimiter());
			assertThat(factory.retryRegistry().find("customerio-pipelines")).containsSame(resilience.retry());
		});
	}

	@Test
	void rateLimitRetryAndTimeoutsBindFromProperties() {
		this.runner.withPropertyValues("customerio.pipelines.api-key=" + API_KEY,
				"customerio.pipelines.rate-limit.requests-per-second=40", "customerio.pipelines.rate-limit.burst=5",
				"customerio.pipelines.rate-limit.max-wait=2s", "customerio.pipelines.retry.max-attempts=2",
				"customerio.pipelines.retry.retry-on=never", "customerio.pipelines.response-timeout=3s",
				"customerio.pipelines.strict-mode=false")
			.run((context) -> {
				ApiResilience resilience = context.getBean(CustomerIoPipelinesAutoConfiguration.RESILIENCE_BEAN,
						ApiResilience.class);
				RateLimiterStatus limiter = (RateLimiterStatus) resilience.rateLimiter();
				assertThat(limiter.getConfiguredPermitsPerSecond()).isEqualTo(40.0);
				assertThat(limiter.getBurst()).isEqualTo(5);
				assertThat(resilience.maxWait()).isEqualTo(Duration.ofSeconds(2));
				assertThat(resilience.retry().getRetryConfig().getMaxAttempts()).isEqualTo(2);
				CustomerIoPipelinesProperties properties = context.getBean(CustomerIoPipelinesProperties.class);
				assertThat(properties.retry().retryOn().name()).isEqualTo(RetryOn.NEVER.name());
				assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.strictMode()).isFalse();
			});
	}

	@Test
	void callsGoToTheUsHostByDefaultInStrictMode() {
		this.runner.withPropertyValues("customerio.pipelines.api-key=" + API_KEY)
			.withUserConfiguration(CapturingConfiguration.class)
			.run((context) -> {
				context.getBean(PipelinesClient.class).identify(IdentifyMessage.builder().userId("42").build()).block();
				ClientRequest request = context.getBean(CapturingConfiguration.class).requests.get(0);
				assertThat(request.url()).hasToString("https://cdp.customer.io/v1/identify");
				assertThat(request.headers().getFirst("X-Strict-Mode")).isEqualTo("1");
			});
	}

	@Test
	void callsGoToTheEuHostWhenTheRegionIsEu() {
		this.runner.withPropertyValues("customerio.pipelines.api-key=" + API_KEY, "customerio.region=eu")
			.withUserConfiguration(CapturingConfiguration.class)
			.run((context) -> {
				context.getBean(PipelinesClient.class).identify(IdentifyMessage.builder().userId("42").build()).block();
				assertThat(context.getBean(CapturingConfiguration.class).requests.get(0).url())
					.hasToString("https://cdp-eu.customer.io/v1/identify");
			});
	}

	@Test
	void baseUrlOverridesTheRegionsHost() {
		this.runner
			.withPropertyValues("customerio.pipelines.api-key=" + API_KEY,
					"customerio.pipelines.base-url=http://127.0.0.1:9999")
			.withUserConfiguration(CapturingConfiguration.class)
			.run((context) -> {
				context.getBean(PipelinesClient.class).identify(IdentifyMessage.builder().userId("42").build()).block();
				assertThat(context.getBean(CapturingConfiguration.class).requests.get(0).url())
					.hasToString("http://127.0.0.1:9999/v1/identify");
			});
	}

	@Test
	void strictModeHeaderIsLeftOutWhenStrictModeIsOff() {
		this.runner
			.withPropertyValues("customerio.pipelines.api-key=" + API_KEY, "customerio.pipelines.strict-mode=false")
			.withUserConfiguration(CapturingConfiguration.class)
			.run((context) -> {
				context.getBean(PipelinesClient.class).identify(IdentifyMessage.builder().userId("42").build()).block();
				assertThat(context.getBean(CapturingConfiguration.class).requests.get(0).headers()
					.containsHeader("X-Strict-Mode")).isFalse();
			});
	}

	@Test
	void apiKeyIsNotShownByThePropertiesToString() {
		this.runner.withPropertyValues("customerio.pipelines.api-key=" + API_KEY)
			.run((context) -> assertThat(context.getBean(CustomerIoPipelinesProperties.class).toString())
				.doesNotContain(API_KEY)
				.contains("apiKey=******"));
	}

	private static CustomerIoApiException apiError(int status) {
		return new CustomerIoApiException("pipelines", "track", 1, status, List.of(), null);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		final PipelinesClient client = mock(PipelinesClient.class);

		@Bean
		PipelinesClient userPipelinesClient() {
			return this.client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserResilienceConfiguration {

		@Bean(CustomerIoPipelinesAutoConfiguration.RESILIENCE_BEAN)
		ApiResilience customPipelinesResilience() {
			return ApiResilienceFactory.standalone()
				.create("pipelines-custom", CustomerIoPipelinesProperties.DEFAULT_RATE_LIMIT,
						CustomerIoPipelinesProperties.DEFAULT_RETRY);
		}

	}

	/** Records each request and answers 200 itself, so nothing leaves the machine. */
	@Configuration(proxyBeanMethods = false)
	static class CapturingConfiguration {

		final List<ClientRequest> requests = new CopyOnWriteArrayList<>();

		@Bean
		CustomerIoWebClientCustomizer capturingCustomizer() {
			return (api, builder) -> builder.filter((request, next) -> {
				this.requests.add(request);
				return Mono.just(ClientResponse.create(HttpStatus.OK).build());
			});
		}

	}

}
