package io.github.ciospring.customerio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoTransportException;
import io.github.ciospring.customerio.Region;
import io.github.ciospring.customerio.app.AppClient;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.RateLimiterStatus;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

@WireMockTest
class CustomerIoAppAutoConfigurationTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(CustomerIoAutoConfiguration.class, CustomerIoAppAutoConfiguration.class));

	@Test
	void apiKeyCreatesTheClientAndItsThreeLimiters() {
		this.runner.withPropertyValues("customerio.app.api-key=key").run((context) -> {
			assertThat(context).hasSingleBean(AppClient.class);
			assertThat(context).hasBean(CustomerIoAppAutoConfiguration.APP_RESILIENCE_BEAN)
				.hasBean(CustomerIoAppAutoConfiguration.TRANSACTIONAL_RESILIENCE_BEAN)
				.hasBean(CustomerIoAppAutoConfiguration.BROADCASTS_RESILIENCE_BEAN);
		});
	}

	@Test
	void autoConfigurationIsListedForBootToFind() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
			.contains(CustomerIoAppAutoConfiguration.class.getName());
	}

	@Test
	void limitersAreRegisteredUnderTheirInstanceNames() {
		this.runner.withPropertyValues("customerio.app.api-key=key").run((context) -> {
			RateLimiterRegistry registry = context.getBean(ApiResilienceFactory.class).rateLimiterRegistry();
			assertThat(registry.getAllRateLimiters()).extracting(RateLimiter::getName)
				.contains("customerio-app", "customerio-transactional", "customerio-broadcasts");
		});
	}

	@Test
	void withoutApiKeyThereIsNoClient() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(AppClient.class)
			.doesNotHaveBean(CustomerIoAppAutoConfiguration.APP_RESILIENCE_BEAN));
	}

	@Test
	void disabledAppApiHasNoClientEvenWithApiKey() {
		this.runner.withPropertyValues("customerio.app.api-key=key", "customerio.app.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AppClient.class));
	}

	@Test
	void disabledCustomerIoHasNoClient() {
		this.runner.withPropertyValues("customerio.app.api-key=key", "customerio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AppClient.class));
	}

	@Test
	void enabledWithoutApiKeyFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("customerio.app.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("customerio.app.api-key");
		});
	}

	@Test
	void userClientWins() {
		AppClient own = mock(AppClient.class);
		this.runner.withPropertyValues("customerio.app.api-key=key")
			.withBean(AppClient.class, () -> own)
			.run((context) -> assertThat(context.getBean(AppClient.class)).isSameAs(own));
	}

	@Test
	void userResilienceBeanWins() {
		this.runner.withPropertyValues("customerio.app.api-key=key")
			.withUserConfiguration(OwnTransactionalResilience.class)
			.run((context) -> assertThat(transactional(context).api()).isEqualTo("own-transactional"));
	}

	@Test
	void defaultRatesFollowCustomerIoLimits() {
		this.runner.withPropertyValues("customerio.app.api-key=key").run((context) -> {
			assertThat(limiter(app(context)).getConfiguredPermitsPerSecond()).isEqualTo(10.0);
			assertThat(limiter(app(context)).getBurst()).isEqualTo(1);
			assertThat(app(context).maxWait()).isEqualTo(Duration.ofSeconds(30));
			assertThat(limiter(transactional(context)).getConfiguredPermitsPerSecond()).isEqualTo(80.0);
			assertThat(limiter(broadcasts(context)).getConfiguredPermitsPerSecond()).isEqualTo(0.1);
			assertThat(limiter(broadcasts(context)).getBurst()).isEqualTo(1);
			assertThat(broadcasts(context).maxWait()).isEqualTo(Duration.ofSeconds(60));
		});
	}

	@Test
	void sendsAreRetriedOnlyWhenSurelyUndeliveredByDefault() {
		this.runner.withPropertyValues("customerio.app.api-key=key").run((context) -> {
			for (ApiResilience sends : List.of(transactional(context), broadcasts(context))) {
				Predicate<Throwable> retried = retried(sends);
				assertThat(retried.test(status(429))).as("429").isTrue();
				assertThat(retried.test(transport(false))).as("connection refused").isTrue();
				assertThat(retried.test(status(500))).as("500").isFalse();
				assertThat(retried.test(transport(true))).as("timeout after write").isFalse();
			}
			assertThat(retried(app(context)).test(status(500))).as("lookups on 500").isTrue();
		});
	}

	@Test
	void transactionalRetryCanRetryTransientFailures() {
		this.runner
			.withPropertyValues("customerio.app.api-key=key",
					"customerio.app.transactional.retry.retry-on=transient-failures")
			.run((context) -> {
				assertThat(retried(transactional(context)).test(status(500))).isTrue();
				assertThat(retried(broadcasts(context)).test(status(500))).isFalse();
			});
	}

	@Test
	void eachLimiterHasItsOwnRateLimitSettings() {
		this.runner
			.withPropertyValues("customerio.app.api-key=key", "customerio.app.rate-limit.requests-per-second=5",
					"customerio.app.transactional.rate-limit.requests-per-second=50",
					"customerio.app.broadcasts.rate-limit.max-wait=2m", "customerio.app.retry.max-attempts=2")
			.run((context) -> {
				assertThat(limiter(app(context)).getConfiguredPermitsPerSecond()).isEqualTo(5.0);
				assertThat(app(context).retry().getRetryConfig().getMaxAttempts()).isEqualTo(2);
				assertThat(limiter(transactional(context)).getConfiguredPermitsPerSecond()).isEqualTo(50.0);
				assertThat(broadcasts(context).maxWait()).isEqualTo(Duration.ofMinutes(2));
				assertThat(limiter(broadcasts(context)).getConfiguredPermitsPerSecond()).isEqualTo(0.1);
			});
	}

	@Test
	void defaultAppLimiterNeverLetsElevenOfSixteenConcurrentCallersIntoOneSecond() {
		AtomicLong clock = new AtomicLong();
		this.runner.withPropertyValues("customerio.app.api-key=key")
			.withBean(ApiResilienceFactory.class, () -> factoryOn(clock))
			.run((context) -> {
				long[] permitTimes = reserveConcurrently(app(context).rateLimiter(), 16, clock.get());
				for (int i = 0; i + 10 < permitTimes.length; i++) {
					assertThat(permitTimes[i + 10] - permitTimes[i]).as("time spanned by permits %d to %d", i, i + 10)
						.isGreaterThanOrEqualTo(SECOND);
				}
				assertThat(permitTimes[15]).isEqualTo(15 * SECOND / 10);
			});
	}

	@Test
	void defaultBroadcastsLimiterMakesATriggerOneSecondAfterAnotherWaitNineSeconds() {
		AtomicLong clock = new AtomicLong();
		this.runner.withPropertyValues("customerio.app.api-key=key")
			.withBean(ApiResilienceFactory.class, () -> factoryOn(clock))
			.run((context) -> {
				RateLimiter limiter = broadcasts(context).rateLimiter();
				assertThat(limiter.reservePermission()).isZero();
				clock.addAndGet(SECOND);
				assertThat(limiter.reservePermission()).isEqualTo(9 * SECOND);
			});
	}

	@Test
	void clientSendsBearerKeyAndWorkspaceIdToTheConfiguredHost(WireMockRuntimeInfo wm) {
		stubFor(get("/v1/exports").willReturn(okJson("{\"exports\":[]}")));
		this.runner
			.withPropertyValues("customerio.app.api-key=sa_live_key", "customerio.app.workspace-id=100",
					"customerio.app.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				context.getBean(AppClient.class).listExports().block(Duration.ofSeconds(10));
				verify(getRequestedFor(urlEqualTo("/v1/exports"))
					.withHeader("Authorization", equalTo("Bearer sa_live_key"))
					.withHeader("X-Workspace-Id", equalTo("100")));
			});
	}

	@Test
	void regionPicksTheAppHostUnlessABaseUrlIsSet() {
		this.runner.withPropertyValues("customerio.app.api-key=key").run((context) -> {
			CustomerIoAppProperties properties = context.getBean(CustomerIoAppProperties.class);
			assertThat(properties.resolveBaseUrl(Region.US)).isEqualTo("https://api.customer.io");
			assertThat(properties.resolveBaseUrl(Region.EU)).isEqualTo("https://api-eu.customer.io");
		});
	}

	@Test
	void propertiesNeverShowTheApiKey() {
		this.runner.withPropertyValues("customerio.app.api-key=very-secret-key")
			.run((context) -> assertThat(context.getBean(CustomerIoAppProperties.class).toString())
				.doesNotContain("very-secret-key"));
	}

	private static ApiResilienceFactory factoryOn(AtomicLong clock) {
		return new ApiResilienceFactory(RateLimiterRegistry.ofDefaults(), RetryRegistry.ofDefaults(), clock::get,
				() -> 0.5);
	}

	/** Reserves one permit per caller, all at once, and returns the permit times in order. */
	private static long[] reserveConcurrently(RateLimiter limiter, int callers, long now) throws InterruptedException {
		long[] permitTimes = new long[callers];
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			int caller = i;
			Thread thread = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				permitTimes[caller] = now + limiter.reservePermission();
			});
			thread.start();
			threads.add(thread);
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join(10_000);
		}
		Arrays.sort(permitTimes);
		return permitTimes;
	}

	private static ApiResilience app(AssertableApplicationContext context) {
		return context.getBean(CustomerIoAppAutoConfiguration.APP_RESILIENCE_BEAN, ApiResilience.class);
	}

	private static ApiResilience transactional(AssertableApplicationContext context) {
		return context.getBean(CustomerIoAppAutoConfiguration.TRANSACTIONAL_RESILIENCE_BEAN, ApiResilience.class);
	}

	private static ApiResilience broadcasts(AssertableApplicationContext context) {
		return context.getBean(CustomerIoAppAutoConfiguration.BROADCASTS_RESILIENCE_BEAN, ApiResilience.class);
	}

	private static RateLimiterStatus limiter(ApiResilience resilience) {
		return (RateLimiterStatus) resilience.rateLimiter();
	}

	private static Predicate<Throwable> retried(ApiResilience resilience) {
		return resilience.retry().getRetryConfig().getExceptionPredicate();
	}

	private static CustomerIoApiException status(int status) {
		return new CustomerIoApiException("app", "test", 1, status, List.of(), null);
	}

	private static CustomerIoTransportException transport(boolean requestSent) {
		return new CustomerIoTransportException("app", "test", 1, requestSent, null);
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTransactionalResilience {

		@Bean(CustomerIoAppAutoConfiguration.TRANSACTIONAL_RESILIENCE_BEAN)
		ApiResilience customerIoTransactionalResilience() {
			return ApiResilienceFactory.standalone()
				.create("own-transactional", CustomerIoAppProperties.DEFAULT_TRANSACTIONAL_RATE_LIMIT,
						CustomerIoAppProperties.DEFAULT_TRANSACTIONAL_RETRY);
		}

	}

}
