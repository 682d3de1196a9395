package io.github.ciospring.customerio.track;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.IdType;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.Platform;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getAllServeEvents;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Customer.io's documented limits are checked before anything is sent: a request that breaks one fails with a
 * {@link CustomerIoValidationException} (an {@link IllegalArgumentException}) naming the field and the limit, and
 * the server receives nothing. Byte limits count UTF-8 bytes, not characters.
 */
@WireMockTest
class TrackClientValidationTests {

	/** Two bytes in UTF-8, one character. */
	private static final String E_ACUTE = "é";

	private TrackClient client;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wireMock) {
		stubFor(any(anyUrl()).willReturn(ok()));
		this.client = new TestClients().track(wireMock.getHttpBaseUrl(),
				TestClients.quickRetries(1, RetryOn.TRANSIENT_FAILURES));
	}

	@Test
	void blankIdentifierIsRefused() {
		assertRefusedUnsent(() -> this.client.identify(Identify.person(" ").build()), "identifier", "not blank");
	}

	@Test
	void missingIdentifierOfADeleteIsRefused() {
		assertRefusedUnsent(() -> this.client.delete(null), "identifier", "not blank");
	}

	@Test
	void blankIdentifierOfAnEventIsRefused() {
		assertRefusedUnsent(() -> this.client.track(Event.of("", "purchased", Map.of())), "identifier", "not blank");
	}

	@Test
	void identifierOver150Utf8BytesIsRefusedThoughItHasFewerCharacters() {
		String id = E_ACUTE.repeat(76);
		assertThat(id).hasSize(76);

		assertRefusedUnsent(() -> this.client.identify(Identify.person(id).build()), "identifier", "150 bytes");
	}

	@Test
	void identifierOfExactly150BytesIsSent() {
		this.client.identify(Identify.person(E_ACUTE.repeat(75)).build()).block();

		assertThat(getAllServeEvents()).hasSize(1);
	}

	@Test
	void segmentMemberIdOver150BytesIsRefusedNamingItsIndex() {
		assertRefusedUnsent(() -> this.client.addToSegment(7, List.of("1", "x".repeat(151)), IdType.ID), "ids[1]",
				"150 bytes");
	}

	@Test
	void attributeNameOver150BytesIsRefused() {
		assertRefusedUnsent(
				() -> this.client.identify(Identify.person("42").attribute(E_ACUTE.repeat(76), "v").build()),
				"attributes name", "150 bytes");
	}

	@Test
	void attributeValueOver1000BytesIsRefusedNamingTheAttribute() {
		assertRefusedUnsent(() -> this.client.identify(Identify.person("42").attribute("bio", "x".repeat(1001)).build()),
				"attributes.bio", "1000 bytes");
	}

	@Test
	void attributeValueOfExactly1000BytesIsSent() {
		this.client.identify(Identify.person("42").attribute("bio", E_ACUTE.repeat(500)).build()).block();

		assertThat(getAllServeEvents()).hasSize(1);
	}

	@Test
	void structuredAttributeValueIsMeasuredByItsJson() {
		Map<String, Object> address = Map.of("street", "x".repeat(990));

		assertRefusedUnsent(() -> this.client.identify(Identify.person("42").attribute("address", address).build()),
				"attributes.address", "1000 bytes");
	}

	@Test
	void moreThan300AttributesAreRefused() {
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (int i = 0; i < 301; i++) {
			attributes.put("a" + i, i);
		}

		assertRefusedUnsent(() -> this.client.identify(Identify.person("42").attributes(attributes).build()),
				"attributes", "300 attributes");
	}

	@Test
	void deviceAttributesAreHeldToTheAttributeLimits() {
		assertRefusedUnsent(
				() -> this.client.addDevice("42", new Device("tok", Platform.IOS, null, Map.of("os", "x".repeat(1001)))),
				"device.attributes.os", "1000 bytes");
	}

	@Test
	void eventNameOver100BytesIsRefused() {
		assertRefusedUnsent(() -> this.client.track(Event.of("42", E_ACUTE.repeat(51), Map.of())), "name",
				"100 bytes");
	}

	@Test
	void anonymousEventNameOver100BytesIsRefused() {
		assertRefusedUnsent(() -> this.client.trackAnonymous(AnonymousEvent.of("anon", "n".repeat(101), Map.of())),
				"name", "100 bytes");
	}

	@Test
	void eventDataOver100000BytesIsRefused() {
		Map<String, Object> data = Map.of("blob", "x".repeat(100_000));

		assertRefusedUnsent(() -> this.client.track(Event.of("42", "uploaded", data)), "data", "100000 bytes");
	}

	@Test
	void blankDeviceTokenIsRefused() {
		assertRefusedUnsent(() -> this.client.deleteDevice("42", " "), "deviceToken", "not blank");
	}

	@Test
	void v2OperationOver32KilobytesIsRefused() {
		TrackOperation operation = TrackOperation.identify(PersonIdentifier.id("42"), attributesOfTotalBytes(36_000));

		assertRefusedUnsent(() -> this.client.entity(operation), "operation", "32000 bytes");
	}

	@Test
	void batchItemOver32KilobytesIsRefusedNamingItsIndex() {
		List<TrackOperation> batch = List.of(TrackOperation.delete(PersonIdentifier.id("1")),
				TrackOperation.identify(PersonIdentifier.id("42"), attributesOfTotalBytes(36_000)));

		assertRefusedUnsent(() -> this.client.batch(batch), "batch[1]", "32000 bytes");
		assertThatThrownBy(() -> this.client.batch(batch)).hasMessageMatching(
				"batch\\[1] operation is \\d+ bytes \\(limit: 32000 bytes\\)");
	}

	@Test
	void batchOf500KilobytesOrMoreIsRefused() {
		List<TrackOperation> batch = new ArrayList<>();
		for (int i = 0; i < 17; i++) {
			batch.add(TrackOperation.identify(PersonIdentifier.id("p" + i), attributesOfTotalBytes(31_000)));
		}

		assertRefusedUnsent(() -> this.client.batch(batch), "batch", "less than 500000 bytes");
	}

	@Test
	void encodedBatchOfExactly500KilobytesIsRefused() {
		byte[] body = batchBodyOfBytes(500_000);

		assertRefusedUnsent(() -> this.client.sendBatch(body), "batch", "less than 500000 bytes");
	}

	@Test
	void encodedBatchJustBelow500KilobytesIsSent() {
		this.client.sendBatch(batchBodyOfBytes(499_999)).block();

		assertThat(getAllServeEvents()).hasSize(1);
	}

	@Test
	void emptyBatchIsRefused() {
		assertRefusedUnsent(() -> this.client.batch(List.of()), "batch", "at least 1 items");
	}

	@Test
	void moreThan1000SegmentIdsAreRefused() {
		List<String> ids = Collections.nCopies(1001, "42");

		assertRefusedUnsent(() -> this.client.addToSegment(7, ids, IdType.ID), "ids", "at most 1000 items");
	}

	@Test
	void segmentChangeByPhoneIsRefusedAsTrackTakesNoPhoneIdType() {
		assertRefusedUnsent(() -> this.client.addToSegment(7, List.of("+15555550100"), IdType.PHONE), "idType",
				"id, email or cio_id for a segment change");
	}

	@Test
	void emptySegmentChangeIsRefused() {
		assertRefusedUnsent(() -> this.client.removeFromSegment(7, List.of(), IdType.ID), "ids", "at least 1 items");
	}

	@Test
	void mergeWithoutASecondPersonIsRefused() {
		assertRefusedUnsent(() -> this.client.merge(PersonIdentifier.id("1"), null), "primary/secondary", "required");
	}

	@Test
	void metricWithoutDeliveryIdIsRefused() {
		assertRefusedUnsent(() -> this.client.trackMetric(DeliveryMetric.of(" ", DeliveryMetric.Metric.OPENED)),
				"deliveryId", "not blank");
	}

	private static byte[] batchBodyOfBytes(int bytes) {
		String prefix = "{\"batch\":[],\"pad\":\"";
		String body = prefix + "x".repeat(bytes - prefix.length() - 2) + "\"}";
		byte[] json = body.getBytes(StandardCharsets.UTF_8);
		assertThat(json.length).isEqualTo(bytes);
		return json;
	}

	/** Attributes of 900 bytes each, as many as make up the given size. */
	private static Map<String, Object> attributesOfTotalBytes(int bytes) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (int i = 0; i * 900 < bytes; i++) {
			attributes.put("a" + i, "x".repeat(900));
		}
		return attributes;
	}

	private static void assertRefusedUnsent(ThrowingCallable call, String field, String limit) {
		assertThatThrownBy(call).isInstanceOfSatisfying(CustomerIoValidationException.class, (ex) -> {
			assertThat(ex).isInstanceOf(IllegalArgumentException.class);
			assertThat(ex.getField()).isEqualTo(field);
			assertThat(ex.getLimit()).isEqualTo(limit);
			assertThat(ex.getMessage()).startsWith(field + " ").endsWith(" (limit: " + limit + ")");
			assertThat(ex.getMessage().split("limit: ", -1)).as("the limit is named once").hasSize(2);
		});
		assertThat(getAllServeEvents()).as("requests received").isEmpty();
	}

}
