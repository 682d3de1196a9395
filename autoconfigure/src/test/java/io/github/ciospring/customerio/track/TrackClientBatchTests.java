package io.github.ciospring.customerio.track;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * v2 batches: {@code 200} means every item was accepted, {@code 207} lists the rejected items (the others were
 * accepted, so the batch is never resent), any other error fails the whole call.
 */
@WireMockTest
class TrackClientBatchTests {

	private static final String BATCH = "/api/v2/batch";

	private static final List<TrackOperation> THREE_OPERATIONS = List.of(
			TrackOperation.identify(PersonIdentifier.id("1"), Map.of("plan", "pro")),
			TrackOperation.identify(PersonIdentifier.id("2"), Map.of("plan", "pro")),
			TrackOperation.event(PersonIdentifier.id("3"), "upgraded", Map.of()));

	private TrackClient client;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wireMock) {
		this.client = new TestClients().track(wireMock.getHttpBaseUrl(),
				TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES));
	}

	@Test
	void status200WithAnEmptyObjectMeansAllAccepted() {
		stubFor(post(urlEqualTo(BATCH)).willReturn(okJson("{}")));

		BatchResult result = this.client.batch(THREE_OPERATIONS).block();

		assertThat(result.isAllAccepted()).isTrue();
		assertThat(result.errors()).isEmpty();
	}

	@Test
	void status200WithoutBodyMeansAllAccepted() {
		stubFor(post(urlEqualTo(BATCH)).willReturn(ok()));

		BatchResult result = this.client.batch(THREE_OPERATIONS).block();

		assertThat(result.isAllAccepted()).isTrue();
	}

	@Test
	void status207ReturnsTheRejectedItemsAsTypedErrors() {
		stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(207)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"batch_index\":1,\"reason\":\"invalid\",\"field\":\"identifiers\","
					+ "\"message\":\"identifier is required\",\"unknown\":true},"
					+ "{\"batch_index\":2,\"reason\":\"too_large\",\"field\":\"attributes\",\"message\":\"too big\"}]}")));

		BatchResult result = this.client.batch(THREE_OPERATIONS).block();

		assertThat(result.isAllAccepted()).isFalse();
		assertThat(result.errors()).containsExactly(
				new BatchResult.ItemError(1, "invalid", "identifiers", "identifier is required"),
				new BatchResult.ItemError(2, "too_large", "attributes", "too big"));
		assertThat(result.errorAt(0)).isEmpty();
		assertThat(result.errorAt(1)).map(BatchResult.ItemError::reason).contains("invalid");
	}

	@Test
	void status207IsNeverRetriedNorResent() {
		stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(207)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"batch_index\":0,\"reason\":\"invalid\",\"field\":\"x\",\"message\":\"m\"}]}")));

		this.client.batch(THREE_OPERATIONS).block();

		verify(1, postRequestedFor(urlEqualTo(BATCH)));
	}

	@Test
	void status400FailsTheWholeBatchWithCustomerIosMessages() {
		stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"reason\":\"malformed\",\"field\":\"batch\",\"message\":\"batch must be an array\"}]}")));

		assertThatThrownBy(() -> this.client.batch(THREE_OPERATIONS).block())
			.isInstanceOfSatisfying(CustomerIoApiException.class, (ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getErrors()).containsExactly("batch must be an array");
				assertThat(ex.getAttempts()).isEqualTo(1);
			});
		verify(1, postRequestedFor(urlEqualTo(BATCH)));
	}

	@Test
	void sendBatchSendsABodyPackedFromEncodedOperations() {
		stubFor(post(urlEqualTo(BATCH)).willReturn(okJson("{}")));
		byte[] first = this.client.encodeOperation(THREE_OPERATIONS.get(0));
		byte[] second = this.client.encodeOperation(THREE_OPERATIONS.get(1));
		String body = "{\"batch\":[" + new String(first, StandardCharsets.UTF_8) + "," + new String(second, StandardCharsets.UTF_8) + "]}";

		BatchResult result = this.client.sendBatch(body.getBytes(StandardCharsets.UTF_8)).block();

		assertThat(result.isAllAccepted()).isTrue();
		verify(postRequestedFor(urlEqualTo(BATCH)).withRequestBody(equalToJson(body)));
	}

}
