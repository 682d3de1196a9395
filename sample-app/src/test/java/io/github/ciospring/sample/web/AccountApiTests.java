package io.github.ciospring.sample.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.RecordedBatchItem;
import io.github.ciospring.sample.SampleAppTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /accounts}: an object with a person related to it, accepted at once and delivered to the sandbox.
 */
@SampleAppTest
class AccountApiTests {

	@Autowired
	private WebTestClient http;

	@Autowired
	private CustomerIoSandbox sandbox;

	@Test
	void anAccountWithAMemberIsAcceptedAndDeliveredAsOneObjectOperation() {
		long acceptedBefore = this.sandbox.stats().track().acceptedItems();

		this.http.post()
			.uri("/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "acme", "name", "Acme Corp", "attributes", Map.of("plan", "enterprise"),
					"members", List.of(Map.of("id", "web-acct-1", "role", "admin"))))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("acme")
			.jsonPath("$.relationships")
			.isEqualTo(1);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.sandbox.stats().track().acceptedItems())
				.isEqualTo(acceptedBefore + 1));
		assertThat(this.sandbox.batchItems()).filteredOn((item) -> "object".equals(item.type()))
			.extracting(RecordedBatchItem::action, (item) -> item.identifiers().get("object_id"))
			.contains(tuple("identify", "acme"));
	}

	@Test
	void aMemberWithoutIdOrEmailIsA400NamingTheField() {
		this.http.post()
			.uri("/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "acme", "members", List.of(Map.of("role", "admin"))))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("id");
	}

	@Test
	void anAccountIdOver150BytesIsA400NamingTheField() {
		this.http.post()
			.uri("/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "a".repeat(151)))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("identifiers.object_id")
			.jsonPath("$.limit")
			.isEqualTo("150 bytes");
	}

}
