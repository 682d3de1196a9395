package io.github.ciospring.customerio.autoconfigure.webhooks;

import java.time.Duration;

import io.github.ciospring.customerio.webhooks.EmailEvent;
import io.github.ciospring.customerio.webhooks.ReportingEventParser;
import io.github.ciospring.customerio.webhooks.UnknownEvent;
import io.github.ciospring.customerio.webhooks.WebhookSignature;
import io.github.ciospring.customerio.webhooks.WebhookVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The webhook endpoint is configured only with a signing key, on the web stack the application runs, and the
 * Spring MVC endpoint verifies, publishes and counts like the WebFlux one
 * ({@code CustomerIoWebhooksReactiveEndpointTests} runs that on a real server).
 */
class CustomerIoWebhooksAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations
		.of(CustomerIoWebhooksAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withBean(SimpleMeterRegistry.class)
		.withBean(RecordingWebhookListener.class);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void nothingWithoutASigningKey() {
		this.servlet.run((context) -> assertThat(context).doesNotHaveBean(WebhookVerifier.class)
			.doesNotHaveBean(CustomerIoWebhookReceiver.class)
			.doesNotHaveBean("customerIoWebhooksServletRoute"));
	}

	@Test
	void aServletApplicationGetsTheMvcEndpointOnly() {
		this.servlet.withPropertyValues("customerio.webhooks.signing-key=" + SignedWebhooks.KEY)
			.run((context) -> assertThat(context).hasSingleBean(WebhookVerifier.class)
				.hasSingleBean(ReportingEventParser.class)
				.hasSingleBean(CustomerIoWebhookReceiver.class)
				.hasBean("customerIoWebhooksServletRoute")
				.doesNotHaveBean("customerIoWebhooksRoute"));
	}

	@Test
	void aReactiveApplicationGetsTheWebFluxEndpointOnly() {
		this.reactive.withPropertyValues("customerio.webhooks.signing-key=" + SignedWebhooks.KEY)
			.run((context) -> assertThat(context).hasBean("customerIoWebhooksRoute")
				.doesNotHaveBean("customerIoWebhooksServletRoute"));
	}

	@Test
	void aNonWebApplicationGetsTheVerifierButNoEndpoint() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("customerio.webhooks.signing-key=" + SignedWebhooks.KEY)
			.run((context) -> assertThat(context).hasSingleBean(WebhookVerifier.class)
				.doesNotHaveBean("customerIoWebhooksRoute")
				.doesNotHaveBean("customerIoWebhooksServletRoute"));
	}

	@Test
	void aUserVerifierWins() {
		WebhookVerifier own = WebhookVerifier.of("own-key");
		this.servlet.withPropertyValues("customerio.webhooks.signing-key=" + SignedWebhooks.KEY)
			.withBean(WebhookVerifier.class, () -> own)
			.run((context) -> assertThat(context.getBean(WebhookVerifier.class)).isSameAs(own));
	}

	@Test
	void aBlankSigningKeyFailsStartupNamingTheProperty() {
		this.servlet.withPropertyValues("customerio.webhooks.signing-key= ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("customerio.webhooks.signing-key must not be blank"));
	}

	@Test
	void propertiesHaveTheDocumentedDefaultsAndMaskTheKeys() {
		this.servlet
			.withPropertyValues("customerio.webhooks.signing-key=" + SignedWebhooks.KEY,
					"customerio.webhooks.secondary-signing-key=" + SignedWebhooks.SECONDARY_KEY)
			.run((context) -> {
				CustomerIoWebhooksProperties properties = context.getBean(CustomerIoWebhooksProperties.class);
				assertThat(properties.path()).isEqualTo("/customerio/webhooks");
				assertThat(properties.tolerance()).isEqualTo(Duration.ofMinutes(5));
				assertThat(properties.maxBodySize().toMegabytes()).isEqualTo(2);
				assertThat(properties.signingKeys()).containsExactly(SignedWebhooks.KEY, SignedWebhooks.SECONDARY_KEY);
				assertThat(properties.toString()).doesNotContain(SignedWebhooks.KEY)
					.doesNotContain(SignedWebhooks.SECONDARY_KEY)
					.contains("signingKey=******");
				assertThat(context.getBean(WebhookVerifier.class).toString()).doesNotContain(SignedWebhooks.KEY);
			});
	}

	@Test
	void aPathWithoutLeadingSlashIsRefused() {
		this.servlet
			.withPropertyValues("customerio.webhooks.signing-key=" + SignedWebhooks.KEY,
					"customerio.webhooks.path=hooks")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("customerio.webhooks.path must start with '/'"));
	}

	@Test
	void theMvcEndpointPublishesAVerifiedEventAndCountsIt() {
		withMvc((mvc, context) -> {
			byte[] body = SignedWebhooks.event("01MVC0000000000000000000001", "email", "opened");
			String timestamp = SignedWebhooks.now();

			mvc.perform(signed(timestamp, SignedWebhooks.sign(timestamp, body), body)).andExpect(status().isOk());

			assertThat(context.getBean(RecordingWebhookListener.class).events()).singleElement()
				.isInstanceOfSatisfying(EmailEvent.class,
						(event) -> assertThat(event.data().deliveryId()).isEqualTo("dlv_01MVC0000000000000000000001"));
			assertThat(count(context, "email_opened", "accepted")).isEqualTo(1);
		});
	}

	@Test
	void theMvcEndpointAcceptsTheSecondaryKey() {
		withMvc((mvc, context) -> {
			byte[] body = SignedWebhooks.event("01MVC0000000000000000000002", "sms", "delivered");
			String timestamp = SignedWebhooks.now();

			mvc.perform(signed(timestamp, WebhookSignature.sign(SignedWebhooks.SECONDARY_KEY, timestamp, body), body))
				.andExpect(status().isOk());

			assertThat(context.getBean(RecordingWebhookListener.class).events()).hasSize(1);
		});
	}

	@Test
	void theMvcEndpointRefusesABadSignatureAStaleTimestampMissingHeadersAndAChangedBody() {
		withMvc((mvc, context) -> {
			byte[] body = SignedWebhooks.event("01MVC0000000000000000000003", "email", "clicked");
			String now = SignedWebhooks.now();
			String stale = Long.toString(Long.parseLong(now) - 301);

			mvc.perform(signed(now, WebhookSignature.sign("wrong-key", now, body), body))
				.andExpect(status().isUnauthorized());
			mvc.perform(signed(stale, SignedWebhooks.sign(stale, body), body)).andExpect(status().isUnauthorized());
			mvc.perform(post("/customerio/webhooks").contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isUnauthorized());
			byte[] changed = SignedWebhooks.event("01MVC0000000000000000000003", "email", "opened");
			mvc.perform(signed(now, SignedWebhooks.sign(now, body), changed)).andExpect(status().isUnauthorized());

			assertThat(context.getBean(RecordingWebhookListener.class).events()).isEmpty();
			assertThat(count(context, "none", "invalid_signature")).isEqualTo(2);
			assertThat(count(context, "none", "stale_timestamp")).isEqualTo(1);
			assertThat(count(context, "none", "missing_headers")).isEqualTo(1);
		});
	}

	@Test
	void aListenerFailureAnswers500SoCustomerIoRetries() {
		withMvc((mvc, context) -> {
			byte[] body = SignedWebhooks.event(RecordingWebhookListener.FAILING_EVENT_ID, "push", "bounced");
			String timestamp = SignedWebhooks.now();

			mvc.perform(signed(timestamp, SignedWebhooks.sign(timestamp, body), body))
				.andExpect(status().isInternalServerError());

			assertThat(count(context, "push_bounced", "listener_failed")).isEqualTo(1);
		});
	}

	@Test
	void anUnknownEventIsPublishedWholeAndCountedAsUnknown() {
		withMvc((mvc, context) -> {
			byte[] body = SignedWebhooks.event("01MVC0000000000000000000004", "carrier_pigeon", "landed");
			String timestamp = SignedWebhooks.now();

			mvc.perform(signed(timestamp, SignedWebhooks.sign(timestamp, body), body)).andExpect(status().isOk());

			assertThat(context.getBean(RecordingWebhookListener.class).events()).singleElement()
				.isInstanceOfSatisfying(UnknownEvent.class, (event) -> assertThat(event.json().getBytes())
					.isEqualTo(body));
			assertThat(count(context, "unknown", "accepted")).isEqualTo(1);
		});
	}

	@Test
	void aBodyOverTheLimitAnswers413() {
		this.servlet
			.withPropertyValues("customerio.webhooks.signing-key=" + SignedWebhooks.KEY,
					"customerio.webhooks.max-body-size=100B")
			.run((context) -> {
				MockMvc mvc = mvc(context);
				byte[] body = SignedWebhooks.event("01MVC0000000000000000000005", "email", "sent");
				String timestamp = SignedWebhooks.now();

				mvc.perform(signed(timestamp, SignedWebhooks.sign(timestamp, body), body))
					.andExpect(status().isPayloadTooLarge());

				assertThat(context.getBean(RecordingWebhookListener.class).events()).isEmpty();
			});
	}

	private void withMvc(MvcTest test) {
		this.servlet.withPropertyValues("customerio.webhooks.signing-key=" + SignedWebhooks.KEY,
				"customerio.webhooks.secondary-signing-key=" + SignedWebhooks.SECONDARY_KEY)
			.run((context) -> test.run(mvc(context), context));
	}

	@SuppressWarnings("unchecked")
	private static MockMvc mvc(org.springframework.context.ApplicationContext context) {
		return MockMvcBuilders
			.routerFunctions(context.getBean("customerIoWebhooksServletRoute",
					org.springframework.web.servlet.function.RouterFunction.class))
			.build();
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder signed(
			String timestamp, String signature, byte[] body) {
		return post("/customerio/webhooks").contentType(MediaType.APPLICATION_JSON)
			.header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
			.header(WebhookSignature.SIGNATURE_HEADER, signature)
			.content(body);
	}

	private static double count(org.springframework.context.ApplicationContext context, String metric,
			String outcome) {
		var counter = context.getBean(MeterRegistry.class)
			.find(CustomerIoWebhookReceiver.RECEIVED)
			.tag("metric", metric)
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@FunctionalInterface
	private interface MvcTest {

		void run(MockMvc mvc, org.springframework.context.ApplicationContext context) throws Exception;

	}

}
