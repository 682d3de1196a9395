package io.github.ciospring.customerio.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.http.CustomerIoObservationContext;
import io.github.ciospring.customerio.http.CustomerIoObservationConvention;
import io.github.ciospring.customerio.http.DefaultCustomerIoObservationConvention;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code customerio.calls} observation convention is a bean: the default one unless the application declares
 * its own.
 */
@WireMockTest
class CustomerIoObservationConventionTests {

	private final List<Observation.Context> calls = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
				CustomerIoTrackAutoConfiguration.class))
		.withPropertyValues("customerio.track.site-id=" + TestClients.SITE_ID,
				"customerio.track.api-key=" + TestClients.API_KEY)
		.withBean(ObservationRegistry.class, this::registry);

	@Test
	void theDefaultConventionIsABean(WireMockRuntimeInfo wm) {
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
		this.runner.withPropertyValues("customerio.track.base-url=" + wm.getHttpBaseUrl()).run((context) -> {
			assertThat(context).getBean(CustomerIoObservationConvention.class)
				.isInstanceOf(DefaultCustomerIoObservationConvention.class);
			context.getBean(TrackClient.class).identify(Identify.person("p-1").build()).block();
		});

		assertThat(this.calls).singleElement()
			.satisfies((call) -> assertThat(call.getName()).isEqualTo("customerio.calls"));
	}

	@Test
	void aConventionBeanReplacesTheDefault(WireMockRuntimeInfo wm) {
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
		this.runner.withPropertyValues("customerio.track.base-url=" + wm.getHttpBaseUrl())
			.withBean(CustomerIoObservationConvention.class, TeamConvention::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(CustomerIoObservationConvention.class);
				context.getBean(TrackClient.class).identify(Identify.person("p-2").build()).block();
			});

		assertThat(this.calls).singleElement().satisfies((call) -> {
			assertThat(call.getName()).isEqualTo("team.customerio");
			assertThat(call.getLowCardinalityKeyValue("team").getValue()).isEqualTo("growth");
			assertThat(call.getLowCardinalityKeyValue("api").getValue()).isEqualTo("track");
		});
	}

	private ObservationRegistry registry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof CustomerIoObservationContext;
			}

			@Override
			public void onStop(Observation.Context context) {
				CustomerIoObservationConventionTests.this.calls.add(context);
			}

		});
		return registry;
	}

	/** A team's own naming: another name, its own tag, the default's tags kept. */
	static final class TeamConvention implements CustomerIoObservationConvention {

		private final DefaultCustomerIoObservationConvention defaults = new DefaultCustomerIoObservationConvention();

		@Override
		public String getName() {
			return "team.customerio";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(CustomerIoObservationContext context) {
			return this.defaults.getLowCardinalityKeyValues(context).and("team", "growth");
		}

	}

}
