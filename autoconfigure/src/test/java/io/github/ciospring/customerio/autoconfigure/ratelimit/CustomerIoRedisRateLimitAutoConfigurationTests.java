package io.github.ciospring.customerio.autoconfigure.ratelimit;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import io.github.ciospring.customerio.autoconfigure.CustomerIoAppAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.actuate.health.CustomerIoRateLimitHealthIndicator;
import io.github.ciospring.customerio.autoconfigure.CustomerIoTrackAutoConfiguration;
import io.github.ciospring.customerio.resilience.AdaptiveRateLimiter;
import io.github.ciospring.customerio.resilience.ApiRateLimiterFactory;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.GcraRateLimiter;
import io.github.ciospring.customerio.resilience.redis.InstancePresence;
import io.github.ciospring.customerio.resilience.redis.RedisRateLimiter;
import io.github.ciospring.customerio.resilience.redis.RedisRateLimiterFactory;
import io.github.ciospring.customerio.support.TestRedis;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerIoRedisRateLimitAutoConfigurationTests {

	private static final String SITE_ID = "site-42";

	private static final String API_KEY = "secret-track-key";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
				CustomerIoTrackAutoConfiguration.class, CustomerIoRedisRateLimitAutoConfiguration.class))
		.withPropertyValues("customerio.track.site-id=" + SITE_ID, "customerio.track.api-key=" + API_KEY);

	private final ApplicationContextRunner withRedis = this.runner
		.withBean(LettuceConnectionFactory.class, () -> new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 6379)));

	/** Spring Boot's own Redis auto-configuration, which builds the Lettuce client resources. */
	private final ApplicationContextRunner bootsRedis = this.runner
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class));

	private static ApiResilience track(org.springframework.context.ApplicationContext context) {
		return context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN, ApiResilience.class);
	}

	private static Object permitSource(ApiResilience resilience) {
		return ((AdaptiveRateLimiter) resilience.rateLimiter()).delegate();
	}

	@Test
	void permitsAreLocalByDefault() {
		this.withRedis.run((context) -> {
			assertThat(context).doesNotHaveBean(RedisRateLimiterFactory.class);
			assertThat(permitSource(track(context))).isInstanceOf(GcraRateLimiter.class);
		});
	}

	@Test
	void storeRedisTakesEveryApisPermitsFromRedis() {
		this.withRedis.withPropertyValues("customerio.rate-limit.store=redis").run((context) -> {
			assertThat(context).hasSingleBean(RedisRateLimiterFactory.class);
			assertThat(permitSource(track(context))).isInstanceOf(RedisRateLimiter.class);
		});
	}

	@Test
	void redisKeysNameTheWorkspaceByAHashOfTheCredentials() {
		this.withRedis.withPropertyValues("customerio.rate-limit.store=redis").run((context) -> {
			RedisRateLimiter limiter = (RedisRateLimiter) permitSource(track(context));
			assertThat(limiter.store().tatKey())
				.isEqualTo("customerio:ratelimit:{" + RedisRateLimiterFactory.workspaceId(SITE_ID, API_KEY)
						+ ":track}:tat")
				.doesNotContain(API_KEY);
		});
	}

	@Test
	void aConfiguredWorkspaceNamesTheKeys() {
		this.withRedis
			.withPropertyValues("customerio.rate-limit.store=redis", "customerio.rate-limit.redis.workspace=shop",
					"customerio.rate-limit.redis.key-prefix=limits")
			.run((context) -> assertThat(((RedisRateLimiter) permitSource(track(context))).store().tatKey())
				.isEqualTo("limits:{shop:track}:tat"));
	}

	@Test
	void transactionalAndBroadcastKeysNameTheWorkspaceOfTheAppApiKey() {
		this.withRedis.withConfiguration(AutoConfigurations.of(CustomerIoAppAutoConfiguration.class))
			.withPropertyValues("customerio.rate-limit.store=redis", "customerio.app.api-key=secret-app-key")
			.run((context) -> {
				String workspace = RedisRateLimiterFactory.workspaceId(null, "secret-app-key");
				for (String api : new String[] { "transactional", "broadcasts" }) {
					ApiResilience resilience = context.getBeansOfType(ApiResilience.class)
						.values()
						.stream()
						.filter((candidate) -> candidate.api().equals(api))
						.findFirst()
						.orElseThrow();
					assertThat(((RedisRateLimiter) permitSource(resilience)).store().tatKey())
						.isEqualTo("customerio:ratelimit:{" + workspace + ":" + api + "}:tat");
				}
			});
	}

	@Test
	void theFallbackShareDefaultsToOneOverTheExpectedInstances() {
		this.withRedis
			.withPropertyValues("customerio.rate-limit.store=redis", "customerio.rate-limit.redis.expected-instances=4")
			.run((context) -> assertThat(((RedisRateLimiter) permitSource(track(context))).fallbackShare())
				.isEqualTo(0.25));
	}

	@Test
	void storeRedisWithoutARedisConnectionFailsNamingTheProperty() {
		this.runner.withPropertyValues("customerio.rate-limit.store=redis").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("customerio.rate-limit.store");
		});
	}

	@Test
	void storeRedisWithoutSpringDataRedisLeavesPermitsLocal() {
		this.withRedis.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class))
			.withPropertyValues("customerio.rate-limit.store=redis")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisRateLimiterFactory.class);
				assertThat(permitSource(track(context))).isInstanceOf(GcraRateLimiter.class);
			});
	}

	@Test
	void aUserLimiterFactoryWins() {
		ApiRateLimiterFactory own = (name, api, settings, tags) -> new GcraRateLimiter("own-" + api,
				settings.permitsPerSecond(), 1, settings.maxWait(), System::nanoTime, tags);
		this.withRedis.withPropertyValues("customerio.rate-limit.store=redis")
			.withBean(ApiRateLimiterFactory.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisRateLimiterFactory.class);
				assertThat(((GcraRateLimiter) permitSource(track(context))).getName()).isEqualTo("own-track");
			});
	}

	@Test
	void theHealthIndicatorReportsWherePermitsComeFrom() {
		this.withRedis.withPropertyValues("customerio.rate-limit.store=redis").run((context) -> {
			track(context);
			CustomerIoRateLimitHealthIndicator health = context.getBean(CustomerIoRateLimitHealthIndicator.class);
			assertThat(health.health().getDetails()).containsEntry("store", "redis");
			assertThat(health.health().getDetails().get("track")).isInstanceOf(Map.class);
			assertThat(health.health().getDetails().get("track").toString()).contains("permits=redis")
				.doesNotContain(API_KEY);
		});
	}

	@Test
	void lettucesReconnectBackoffIsCappedSoARecheckFindsRedisSoonAfterItIsBack() {
		this.bootsRedis.withPropertyValues("customerio.rate-limit.store=redis").run((context) -> {
			Delay delay = context.getBean(ClientResources.class).reconnectDelay();
			assertThat(delay.createDelay(1)).isEqualTo(Duration.ofMillis(1));
			assertThat(delay.createDelay(9)).isEqualTo(Duration.ofMillis(256));
			assertThat(delay.createDelay(10)).isEqualTo(Duration.ofMillis(500));
			assertThat(delay.createDelay(30)).isEqualTo(Duration.ofMillis(500));
		});
	}

	@Test
	void theLongestReconnectDelayCanBeSet() {
		this.bootsRedis
			.withPropertyValues("customerio.rate-limit.store=redis", "customerio.rate-limit.redis.max-reconnect-delay=2s")
			.run((context) -> assertThat(context.getBean(ClientResources.class).reconnectDelay().createDelay(30))
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void aLongestReconnectDelayOfZeroFailsStartUpNamingTheProperty() {
		this.bootsRedis
			.withPropertyValues("customerio.rate-limit.store=redis", "customerio.rate-limit.redis.max-reconnect-delay=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("customerio.rate-limit.redis.max-reconnect-delay"));
	}

	@Test
	void withLocalPermitsLettucesReconnectBackoffIsLeftAlone() {
		this.bootsRedis.run((context) -> {
			assertThat(context).doesNotHaveBean("customerIoRedisReconnectDelay");
			assertThat(context.getBean(ClientResources.class).reconnectDelay().createDelay(30))
				.isGreaterThan(Duration.ofSeconds(1));
		});
	}

	@Test
	void anAbsentInstancesShareIsKeptFreeForThirtySecondsAtTheFallbackShare() {
		this.withRedis.withPropertyValues("customerio.rate-limit.store=redis",
				"customerio.rate-limit.redis.expected-instances=4")
			.run((context) -> {
				InstancePresence presence = context.getBean(RedisRateLimiterFactory.class).presence();
				assertThat(presence.fallbackShare()).isEqualTo(0.25);
				assertThat(presence.hold()).isEqualTo(Duration.ofSeconds(30));
				assertThat(presence.absentAfter()).isEqualTo(RedisRateLimiter.OUTAGE);
			});
	}

	@Test
	void anAbsentInstanceHoldOfZeroKeepsNothingFree() {
		this.withRedis
			.withPropertyValues("customerio.rate-limit.store=redis", "customerio.rate-limit.redis.absent-instance-hold=0")
			.run((context) -> assertThat(context.getBean(RedisRateLimiterFactory.class).presence().tracked())
				.isFalse());
	}

	@Test
	void aNegativeAbsentInstanceHoldFailsStartUpNamingTheProperty() {
		this.withRedis
			.withPropertyValues("customerio.rate-limit.store=redis",
					"customerio.rate-limit.redis.absent-instance-hold=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("customerio.rate-limit.redis.absent-instance-hold"));
	}

	@Test
	void theAdaptiveThrottleCanBeSwitchedOff() {
		this.withRedis.withPropertyValues("customerio.rate-limit.adaptive.enabled=false")
			.run((context) -> assertThat(track(context).rateLimiter()).isInstanceOf(GcraRateLimiter.class));
	}

	@Test
	void eachApisCurrentRateIsAGauge() {
		this.withRedis.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			track(context);
			assertThat(context.getBean(MeterRegistry.class)
				.get(ApiResilienceFactory.RATE_GAUGE)
				.tag("api", "track")
				.gauge()
				.value()).isEqualTo(80);
		});
	}

	@Test
	void theFallbackIsAGaugeWhenPermitsComeFromRedis() {
		this.withRedis.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("customerio.rate-limit.store=redis")
			.run((context) -> {
				track(context);
				assertThat(context.getBean(MeterRegistry.class)
					.get(RedisRateLimiterFactory.FALLBACK_GAUGE)
					.tag("api", "track")
					.gauge()
					.value()).isZero();
			});
	}

	@Test
	void beforeTheApplicationIsReadyTheConnectionIsOpenAndTheScriptsAreLoaded() throws Exception {
		try (TestRedis redis = TestRedis.start()) {
			LettuceConnectionFactory check = redis.connectionFactory();
			try {
				String sha = HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-1")
						.digest(resource("reserve-permit.lua").getContentAsByteArray()));
				this.runner
					.withBean(LettuceConnectionFactory.class,
							() -> new LettuceConnectionFactory(
									new RedisStandaloneConfiguration(redis.host(), redis.port())))
					.withPropertyValues("customerio.rate-limit.store=redis")
					.run((context) -> {
						assertThat(context).hasSingleBean(CustomerIoRedisRateLimitWarmUp.class);
						assertThat(context.getBean(CustomerIoRedisRateLimitWarmUp.class).isRunning()).isTrue();
						assertThat(check.getConnection().scriptingCommands().scriptExists(sha)).containsExactly(true);
					});
			}
			finally {
				check.destroy();
			}
		}
	}

	@Test
	void aRedisThatDoesNotAnswerDoesNotFailStartUp() {
		this.withRedis.withPropertyValues("customerio.rate-limit.store=redis")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(CustomerIoRedisRateLimitWarmUp.class)
				.satisfies((warmUp) -> assertThat(warmUp.isRunning()).isTrue()));
	}

	private static ClassPathResource resource(String name) {
		return new ClassPathResource(name, RedisRateLimiter.class);
	}

}
