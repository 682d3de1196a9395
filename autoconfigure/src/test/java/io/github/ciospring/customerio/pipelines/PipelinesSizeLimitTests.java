package io.github.ciospring.customerio.pipelines;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Customer.io answers 200 to a message over 32 KB or a batch over 500 KB and drops it, so the client refuses
 * such calls before sending anything.
 */
@WireMockTest
class PipelinesSizeLimitTests {

	private static final Instant AT = Instant.parse("2026-11-22T10:15:30.120Z");

	private PipelinesClient client;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wm) {
		stubFor(post(urlPathMatching("/v1/.*")).willReturn(okJson("{}")));
		TestClients clients = new TestClients();
		this.client = new PipelinesClient(
				clients.http(wm.getHttpBaseUrl(), Authentication.basic(TestClients.API_KEY, "")),
				clients.resilience("pipelines", 1000, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES)));
	}

	@Test
	void messageOverTheLimitIsRefusedNamingItsLargestPartAndNothingIsSent() {
		TrackMessage message = messageOfBytes(PipelinesLimits.MAX_MESSAGE_BYTES + 1);
		assertThatThrownBy(() -> this.client.track(message)).isInstanceOfSatisfying(CustomerIoValidationException.class,
				(ex) -> {
					assertThat(ex.getField()).isEqualTo("message");
					assertThat(ex.getLimit()).isEqualTo("32000 bytes");
					assertThat(ex).hasMessageContaining("32001 bytes")
						.hasMessageContaining("most of it in properties")
						.hasMessageContaining(message.messageId());
				});
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void messageOfExactlyTheLimitIsSent() {
		TrackMessage message = messageOfBytes(PipelinesLimits.MAX_MESSAGE_BYTES);
		this.client.track(message).block();
		verify(1, postRequestedFor(urlEqualTo("/v1/track")));
		assertThat(findAll(postRequestedFor(urlEqualTo("/v1/track"))).get(0).getBody())
			.hasSize(PipelinesLimits.MAX_MESSAGE_BYTES);
	}

	@Test
	void oversizedMessageInABatchIsRefusedNamingItsIndexAndNothingIsSent() {
		List<PipelinesMessage> messages = List.of(messageOfBytes(300),
				messageOfBytes(PipelinesLimits.MAX_MESSAGE_BYTES + 1));
		assertThatThrownBy(() -> this.client.batch(messages)).isInstanceOfSatisfying(
				CustomerIoValidationException.class, (ex) -> assertThat(ex.getField()).isEqualTo("batch[1]"));
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void batchOverTheLimitIsRefusedAndNothingIsSent() {
		List<PipelinesMessage> messages = Collections.nCopies(17, messageOfBytes(30_000));
		assertThatThrownBy(() -> this.client.batch(messages)).isInstanceOfSatisfying(
				CustomerIoValidationException.class, (ex) -> {
					assertThat(ex.getField()).isEqualTo("batch");
					assertThat(ex.getLimit()).isEqualTo("500000 bytes");
					assertThat(ex).hasMessageContaining("PipelinesBatches.split");
				});
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void preEncodedBatchOverTheLimitIsRefusedAndNothingIsSent() {
		byte[] encoded = this.client.encode(messageOfBytes(30_000));
		assertThatThrownBy(() -> this.client.sendBatch(Collections.nCopies(17, encoded)))
			.isInstanceOfSatisfying(CustomerIoValidationException.class,
					(ex) -> assertThat(ex.getField()).isEqualTo("batch"));
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void preEncodedMessageOverTheLimitIsRefusedNamingItsIndex() {
		byte[] small = this.client.encode(messageOfBytes(300));
		byte[] tooLarge = new byte[PipelinesLimits.MAX_MESSAGE_BYTES + 1];
		assertThatThrownBy(() -> this.client.sendBatch(List.of(small, small, tooLarge))).isInstanceOfSatisfying(
				CustomerIoValidationException.class, (ex) -> assertThat(ex.getField()).isEqualTo("batch[2]"));
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void batchOfExactlyTheLimitIsSent() {
		byte[] message = this.client.encode(messageOfBytes(25_000));
		List<byte[]> items = new java.util.ArrayList<>(Collections.nCopies(19, message));
		int remaining = PipelinesLimits.MAX_BATCH_BYTES - PipelinesBatches.bodySize(items) - 1;
		items.add(this.client.encode(messageOfBytes(remaining)));
		assertThat(PipelinesBatches.bodySize(items)).isEqualTo(PipelinesLimits.MAX_BATCH_BYTES);
		this.client.sendBatch(items).block();
		assertThat(findAll(postRequestedFor(urlEqualTo("/v1/batch"))).get(0).getBody())
			.hasSize(PipelinesLimits.MAX_BATCH_BYTES);
	}

	@Test
	void aliasInABatchIsRefusedBecauseTheBatchEndpointDoesNotTakeIt() {
		List<PipelinesMessage> messages = List.of(messageOfBytes(300), AliasMessage.of("anon-1", "42"));
		assertThatThrownBy(() -> this.client.batch(messages)).isInstanceOfSatisfying(
				CustomerIoValidationException.class, (ex) -> {
					assertThat(ex.getField()).isEqualTo("batch[1]");
					assertThat(ex.getLimit()).isEqualTo("identify, track, page, screen or group");
				});
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void emptyBatchIsRefused() {
		assertThatThrownBy(() -> this.client.batch(List.of())).isInstanceOfSatisfying(
				CustomerIoValidationException.class, (ex) -> assertThat(ex.getField()).isEqualTo("batch"));
	}

	/** A track message whose JSON is exactly {@code bytes} long. */
	private TrackMessage messageOfBytes(int bytes) {
		int base = this.client.encode(withPadding("")).length;
		TrackMessage message = withPadding("x".repeat(bytes - base));
		assertThat(bytesOf(message)).isEqualTo(bytes);
		return message;
	}

	private int bytesOf(TrackMessage message) {
		try {
			return this.client.encode(message).length;
		}
		catch (CustomerIoValidationException tooLarge) {
			return Integer.parseInt(tooLarge.getMessage().replaceAll(".* is (\\d+) bytes.*", "$1"));
		}
	}

	private static TrackMessage withPadding(String padding) {
		return TrackMessage.builder("Imported").messageId("m-1").userId("42").property("blob", padding).timestamp(AT)
			.build();
	}

}
