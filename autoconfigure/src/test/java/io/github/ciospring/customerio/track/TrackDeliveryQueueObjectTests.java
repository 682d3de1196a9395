package io.github.ciospring.customerio.track;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.customerio.ObjectIdentifier;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.delivery.DeliveryResult;
import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.OpenApiSpec;
import io.github.ciospring.customerio.support.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object and relationship operations go through the delivery queue like any other v2 operation, through its
 * public API only, and reach {@code /api/v2/batch} as the spec describes.
 */
@WireMockTest
class TrackDeliveryQueueObjectTests {

	private static final OpenApiSpec SPEC = OpenApiSpec.track();

	private TrackDeliveryQueue queue;

	@AfterEach
	void close() {
		if (this.queue != null) {
			this.queue.shutdown(Duration.ZERO);
			this.queue.close();
		}
	}

	@Test
	void objectAndRelationshipOperationsAreDeliveredInOneBatch(WireMockRuntimeInfo wireMock) throws Exception {
		stubFor(post("/api/v2/batch").willReturn(ok("{}")));
		TrackClient client = new TestClients().track(wireMock.getHttpBaseUrl(),
				TestClients.quickRetries(1, RetryOn.TRANSIENT_FAILURES));
		this.queue = TrackDeliveryQueue.builder(client).build();
		ObjectIdentifier acme = ObjectIdentifier.of("1", "acme");

		List<CompletableFuture<DeliveryResult>> handles = List.of(
				this.queue.offer(ObjectOperation.identify(acme).attribute("name", "Acme Corp").build()),
				this.queue.offer(TrackOperation.addRelationships(PersonIdentifier.id("42"),
						Relationship.withObject(acme, Map.of("role", "admin")))),
				this.queue.offer(ObjectOperation.delete(ObjectIdentifier.of("1", "old-co"))));

		handles.forEach((handle) -> assertThat(handle.orTimeout(20, TimeUnit.SECONDS).join().isDelivered()).isTrue());
		List<LoggedRequest> requests = findAll(postRequestedFor(urlEqualTo("/api/v2/batch")));
		assertThat(requests).singleElement().satisfies((request) -> {
			JSONAssert.assertEquals("{\"batch\":[{\"type\":\"object\",\"identifiers\":{\"object_type_id\":\"1\","
					+ "\"object_id\":\"acme\"},\"action\":\"identify\",\"attributes\":{\"name\":\"Acme Corp\"}},"
					+ "{\"type\":\"person\",\"identifiers\":{\"id\":\"42\"},\"action\":\"add_relationships\","
					+ "\"cio_relationships\":[{\"identifiers\":{\"object_type_id\":\"1\",\"object_id\":\"acme\"},"
					+ "\"relationship_attributes\":{\"role\":\"admin\"}}]},{\"type\":\"object\",\"identifiers\":"
					+ "{\"object_type_id\":\"1\",\"object_id\":\"old-co\"},\"action\":\"delete\"}]}",
					request.getBodyAsString(), JSONCompareMode.STRICT);
			assertThat(SPEC.requestBodyViolations("POST", "/api/v2/batch", request.getBodyAsString())).isEmpty();
		});
	}

}
