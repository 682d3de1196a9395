package io.github.ciospring.sample.web;

import java.time.Duration;
import java.util.Map;

import io.github.ciospring.customerio.test.sandbox.ApiStats;
import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.sample.SampleAppTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app's web API, end to end against the embedded sandbox.
 */
@SampleAppTest
class WebApiTests {

	@Autowired
	private WebTestClient http;

	@Autowired
	private CustomerIoSandbox sandbox;

	@Test
	void aSignupIdentifiesThePersonAndTracksSignedUpAtTheSandbox() {
		ApiStats before = this.sandbox.stats().track();

		this.http.post()
			.uri("/signups")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "web-1", "email", "ada.web@example.com", "plan", "pro", "source", "test"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.identifier")
			.isEqualTo("web-1")
			.jsonPath("$.eventId")
			.isNotEmpty();

		ApiStats after = this.sandbox.stats().track();
		assertThat(after.acceptedItems() - before.acceptedItems()).as("identify and event accepted").isEqualTo(2);
		assertThat(after.eventIds() - before.eventIds()).as("events with an id").isEqualTo(1);
	}

	@Test
	void aSignedUpPersonIsFoundByEmail() {
		this.http.post()
			.uri("/signups")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "web-2", "email", "grace.web@example.com"))
			.exchange()
			.expectStatus()
			.isCreated();

		this.http.get()
			.uri("/customers?email={email}", "grace.web@example.com")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.customers[0].id")
			.isEqualTo("web-2")
			.jsonPath("$.customers[0].email")
			.isEqualTo("grace.web@example.com");
	}

	@Test
	void aSignupWithoutIdAndEmailIsA400NamingTheField() {
		this.http.post()
			.uri("/signups")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("plan", "pro"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("id")
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("email"));
	}

	@Test
	void anOversizeAttributeIsA400NamingTheFieldAndTheLimitAndNothingIsSent() {
		long requestsBefore = this.sandbox.stats().track().requests();

		this.http.post()
			.uri("/signups")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "web-3", "plan", "x".repeat(1001)))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("attributes.plan")
			.jsonPath("$.limit")
			.isEqualTo("1000 bytes");

		assertThat(this.sandbox.stats().track().requests()).isEqualTo(requestsBefore);
	}

	@Test
	void anEventIsAcceptedAtOnceAndDeliveredInABatch() {
		long eventIdsBefore = this.sandbox.stats().track().eventIds();

		this.http.post()
			.uri("/events")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "web-4", "name", "purchased", "data", Map.of("total", 42)))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.eventId")
			.isNotEmpty();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.sandbox.stats().track().eventIds()).isEqualTo(eventIdsBefore + 1));
	}

	@Test
	void anEventWithAnOverlongNameIsA400NamingTheField() {
		this.http.post()
			.uri("/events")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "web-5", "name", "n".repeat(101)))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("name")
			.jsonPath("$.limit")
			.isEqualTo("100 bytes");
	}

	@Test
	void aTransactionalEmailIsSentThroughTheAppApi() {
		long sendsBefore = this.sandbox.stats().app().accepted();

		this.http.post()
			.uri("/emails")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("template", "welcome", "to", "ada.web@example.com", "messageData",
					Map.of("first_name", "Ada")))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.delivery_id")
			.isNotEmpty();

		assertThat(this.sandbox.stats().app().accepted()).isEqualTo(sendsBefore + 1);
	}

	@Test
	void anEmailWithoutATemplateIsA400NamingTheField() {
		this.http.post()
			.uri("/emails")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("to", "ada.web@example.com"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("transactional_message_id");
	}

	@Test
	void aLookupWithoutAnEmailIsA400NamingTheParameter() {
		this.http.get()
			.uri("/customers")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_REQUEST)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("'email'"));
	}

}
