package io.github.ciospring.customerio.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verified bodies become typed events for the documented object types and metrics, and unknown ones stay whole.
 */
class ReportingEventParserTests {

	private final ReportingEventParser parser = new ReportingEventParser();

	@Test
	void anEmailClickIsATypedEmailEvent() {
		String json = "{\"event_id\":\"01E4C4C6P79C12J5A6KPE6XNFD\",\"object_type\":\"email\",\"metric\":\"clicked\","
				+ "\"timestamp\":1700000000,\"data\":{\"identifiers\":{\"id\":\"42\",\"email\":\"ann@example.com\","
				+ "\"cio_id\":\"a3000001\"},\"customer_id\":\"42\",\"delivery_id\":\"dlv_1\","
				+ "\"recipient\":\"ann@example.com\",\"subject\":\"Hello\",\"href\":\"https://example.com/x\","
				+ "\"link_id\":7,\"campaign_id\":12,\"action_id\":\"34\",\"journey_id\":\"j-1\",\"extra\":{\"a\":1}}}";

		ReportingEvent event = parse(json);

		assertThat(event).isInstanceOfSatisfying(EmailEvent.class, (email) -> {
			assertThat(email.eventId()).isEqualTo("01E4C4C6P79C12J5A6KPE6XNFD");
			assertThat(email.metric()).isEqualTo(Metric.CLICKED);
			assertThat(email.objectType()).isEqualTo(ObjectType.EMAIL);
			assertThat(email.name()).isEqualTo("email_clicked");
			assertThat(email.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
			MessageData data = email.data();
			assertThat(data.identifiers()).containsEntry("id", "42").containsEntry("cio_id", "a3000001");
			assertThat(data.customerId()).isEqualTo("42");
			assertThat(data.deliveryId()).isEqualTo("dlv_1");
			assertThat(data.recipient()).isEqualTo("ann@example.com");
			assertThat(data.subject()).isEqualTo("Hello");
			assertThat(data.href()).isEqualTo("https://example.com/x");
			assertThat(data.linkId()).isEqualTo("7");
			assertThat(data.campaignId()).isEqualTo(12L);
			assertThat(data.actionId()).isEqualTo(34L);
			assertThat(data.broadcastId()).isNull();
			assertThat(data.journeyId()).isEqualTo("j-1");
			assertThat(data.fields()).containsEntry("extra", Map.of("a", 1));
			assertThat(email.json()).isEqualTo(json);
		});
	}

	@ParameterizedTest
	@CsvSource({ "email,sent,EmailEvent", "push,opened,PushEvent", "sms,delivered,SmsEvent",
			"sms,replied,SmsEvent", "in_app,clicked,InAppEvent", "webhook,failed,WebhookEvent",
			"slack,sent,SlackEvent", "whatsapp,read_unknown,UnknownEvent", "whatsapp,delivered,WhatsAppEvent",
			"customer,unsubscribed,CustomerEvent", "customer,subscription_preferences_changed,CustomerEvent",
			"customer,cio_subscription_preferences_changed,CustomerEvent", "push,spammed,UnknownEvent",
			"carrier_pigeon,sent,UnknownEvent" })
	void eachDocumentedObjectTypeAndMetricHasItsRecord(String objectType, String metric, String type) {
		ReportingEvent event = parse("{\"event_id\":\"e1\",\"object_type\":\"" + objectType + "\",\"metric\":\""
				+ metric + "\",\"timestamp\":1700000000,\"data\":{\"delivery_id\":\"d\"}}");

		assertThat(event.getClass().getSimpleName()).isEqualTo(type);
		assertThat(event.eventId()).isEqualTo("e1");
	}

	@Test
	void aCustomerEventKeepsThePersonAndTheData() {
		ReportingEvent event = parse("{\"event_id\":\"e2\",\"object_type\":\"customer\",\"metric\":\"subscribed\","
				+ "\"timestamp\":1700000001,\"data\":{\"identifiers\":{\"id\":\"7\"},\"customer_id\":\"7\","
				+ "\"email_address\":\"b@x.com\"}}");

		assertThat(event).isInstanceOfSatisfying(CustomerEvent.class, (customer) -> {
			assertThat(customer.metric()).isEqualTo(Metric.SUBSCRIBED);
			assertThat(customer.name()).isEqualTo("customer_subscribed");
			assertThat(customer.identifiers()).containsExactly(Map.entry("id", "7"));
			assertThat(customer.customerId()).isEqualTo("7");
			assertThat(customer.emailAddress()).isEqualTo("b@x.com");
			assertThat(customer.fields()).containsEntry("email_address", "b@x.com");
		});
	}

	@Test
	void anOlderPayloadsEmailAddressIsTheRecipient() {
		MessageEvent event = (MessageEvent) parse("{\"object_type\":\"email\",\"metric\":\"sent\",\"data\":"
				+ "{\"email_address\":\"old@x.com\"}}");

		assertThat(event.data().recipient()).isEqualTo("old@x.com");
		assertThat(event.eventId()).isNull();
		assertThat(event.timestamp()).isNull();
	}

	@Test
	void anUnknownMetricIsKeptWhole() {
		String json = "{\"event_id\":\"e3\",\"object_type\":\"email\",\"metric\":\"teleported\",\"timestamp\":1,"
				+ "\"data\":{\"x\":1}}";

		assertThat(parse(json)).isEqualTo(new UnknownEvent("e3", "email", "teleported", Instant.ofEpochSecond(1),
				json));
	}

	@Test
	void aBodyThatIsNotJsonIsKeptWhole() {
		assertThat(parse("not json")).isEqualTo(new UnknownEvent(null, null, null, null, "not json"));
		assertThat(parse("[1,2]")).isEqualTo(new UnknownEvent(null, null, null, null, "[1,2]"));
	}

	@Test
	void aDocumentedEventWithoutDataIsKeptWhole() {
		String json = "{\"event_id\":\"e4\",\"object_type\":\"email\",\"metric\":\"sent\"}";

		assertThat(parse(json)).isEqualTo(new UnknownEvent("e4", "email", "sent", null, json));
	}

	@Test
	void metricsAndObjectTypesReadTheirDocumentedNames() {
		assertThat(Metric.from("undeliverable")).isEqualTo(Metric.UNDELIVERABLE);
		assertThat(Metric.from(null)).isNull();
		assertThat(Metric.from("nope")).isNull();
		assertThat(ObjectType.from("in_app")).isEqualTo(ObjectType.IN_APP);
		assertThat(ObjectType.from(null)).isNull();
		assertThat(ObjectType.SLACK.reports(Metric.DELIVERED)).isFalse();
		assertThat(ObjectType.EMAIL.reports(Metric.SPAMMED)).isTrue();
	}

	private ReportingEvent parse(String json) {
		return this.parser.parse(json.getBytes(StandardCharsets.UTF_8));
	}

}
