package io.github.ciospring.customerio.pipelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.Platform;
import io.github.ciospring.customerio.http.ApiRequest;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilience;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * Customer.io's Pipelines (Data Pipelines, CDP) API: {@code identify}, {@code track}, {@code page},
 * {@code screen}, {@code group}, {@code alias} and {@code batch}, plus the semantic events that add and remove
 * devices and delete, suppress and unsuppress people. Every call is rate limited and retried under the
 * {@code pipelines} API's limiter and retry. Each message carries a {@code messageId} made when it was created and
 * sent unchanged on every attempt, so a retried call is recognised as a repeat.
 * <p>
 * Customer.io answers {@code 200} to a message over 32 KB or a batch over 500 KB and drops it unprocessed, so such a
 * call fails at once with a {@link CustomerIoValidationException} naming the field and the limit, and nothing is
 * sent. {@link #encode} and {@link #sendBatch} with {@link PipelinesBatches} let a high-volume sender pack batches
 * under the limits.
 */
public class PipelinesClient {

	/** The header that makes Customer.io answer 400/401 to an invalid call instead of 200. */
	public static final String STRICT_MODE_HEADER = "X-Strict-Mode";

	/** The headers to send for strict mode, for {@code ConnectionSettings}. */
	public static final Map<String, String> STRICT_MODE_HEADERS = Map.of(STRICT_MODE_HEADER, "1");

	private final CustomerIoHttpClient http;

	private final ApiResilience resilience;

	private final JsonCodec codec;

	public PipelinesClient(CustomerIoHttpClient http, ApiResilience resilience) {
		this.http = http;
		this.resilience = resilience;
		this.codec = http.codec();
	}

	/** Creates or updates a person and sets their traits. */
	public Mono<Void> identify(IdentifyMessage message) {
		return send(message);
	}

	/** Records an event, or acts on the person for a semantic event. */
	public Mono<Void> track(TrackMessage message) {
		return send(message);
	}

	/** Records a page view. */
	public Mono<Void> page(PageMessage message) {
		return send(message);
	}

	/** Records a mobile screen view. */
	public Mono<Void> screen(ScreenMessage message) {
		return send(message);
	}

	/** Adds a person to a group (an object in Customer.io Journeys). */
	public Mono<Void> group(GroupMessage message) {
		return send(message);
	}

	/** Merges an earlier id into a user id, for destinations that need it. */
	public Mono<Void> alias(AliasMessage message) {
		return send(message);
	}

	/** Sends any message to its endpoint ({@code /v1/<type>}). */
	public Mono<Void> send(PipelinesMessage message) {
		return send(message.type(), message);
	}

	/** Adds or updates a person's push device ({@value TrackMessage#DEVICE_CREATED_OR_UPDATED}). */
	public Mono<Void> addDevice(String userId, String token, Platform type, Map<String, ?> attributes) {
		return send("add_device", TrackMessage.deviceCreatedOrUpdated(userId, token, type, attributes));
	}

	/** Removes a person's push device ({@value TrackMessage#DEVICE_DELETED}). */
	public Mono<Void> deleteDevice(String userId, String token, Platform type) {
		return send("delete_device", TrackMessage.deviceDeleted(userId, token, type));
	}

	/** Deletes a person ({@value TrackMessage#USER_DELETED}). */
	public Mono<Void> delete(String userId) {
		return send("delete", TrackMessage.userDeleted(userId));
	}

	/** Deletes a person and keeps them from being added again ({@value TrackMessage#USER_SUPPRESSED}). */
	public Mono<Void> suppress(String userId) {
		return send("suppress", TrackMessage.userSuppressed(userId));
	}

	/** Lets a suppressed person be added again ({@value TrackMessage#USER_UNSUPPRESSED}). */
	public Mono<Void> unsuppress(String userId) {
		return send("unsuppress", TrackMessage.userUnsuppressed(userId));
	}

	/**
	 * Sends messages in one {@code /v1/batch} request. The batch endpoint takes identify, track, page, screen and
	 * group calls, not alias. Split larger lists with {@link PipelinesBatches}.
	 * @throws CustomerIoValidationException when a message is an alias or over 32 KB (naming its index), or the
	 * batch is over 500 KB
	 */
	public Mono<Void> batch(List<? extends PipelinesMessage> messages) {
		PayloadLimits.requireSize("batch", messages, 1, Integer.MAX_VALUE);
		List<byte[]> encoded = new ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			PipelinesMessage message = messages.get(i);
			if (message instanceof AliasMessage) {
				throw new CustomerIoValidationException("batch[" + i + "]", "identify, track, page, screen or group",
						"is an alias call, which the batch endpoint does not take; send it with alias()");
			}
			encoded.add(encode("batch[" + i + "]", message));
		}
		return sendBatch(encoded);
	}

	/**
	 * Sends already encoded messages in one {@code /v1/batch} request, for callers that pack batches themselves
	 * from {@link #encode} results (see {@link PipelinesBatches}).
	 * @throws CustomerIoValidationException when a message is over 32 KB or the batch body over 500 KB
	 */
	public Mono<Void> sendBatch(List<byte[]> encodedMessages) {
		PayloadLimits.requireSize("batch", encodedMessages, 1, Integer.MAX_VALUE);
		for (int i = 0; i < encodedMessages.size(); i++) {
			PipelinesBatches.requireMessageSize("batch[" + i + "]", encodedMessages.get(i).length);
		}
		int size = PipelinesBatches.bodySize(encodedMessages);
		if (size > PipelinesLimits.MAX_BATCH_BYTES) {
			throw new CustomerIoValidationException("batch", PipelinesLimits.MAX_BATCH_BYTES + " bytes",
					"is " + size + " bytes for " + encodedMessages.size() + " messages; Customer.io answers 200 to a "
							+ "batch over 500 KB and drops it unprocessed; split it with PipelinesBatches.split");
		}
		return this.http.exchange(this.resilience, ApiRequest.withoutResponse("batch", HttpMethod.POST, "/v1/batch",
				Map.of(), PipelinesBatches.body(encodedMessages)));
	}

	/**
	 * The message's JSON as it is sent, alone or inside a batch, checked against the 32 KB limit.
	 * @throws CustomerIoValidationException when the message is over the limit; the error names its largest part
	 */
	public byte[] encode(PipelinesMessage message) {
		return encode("message", message);
	}

	private byte[] encode(String field, PipelinesMessage message) {
		Map<String, Object> payload = message.payload();
		byte[] json = this.codec.write(payload);
		if (json.length > PipelinesLimits.MAX_MESSAGE_BYTES) {
			throw new CustomerIoValidationException(field, PipelinesLimits.MAX_MESSAGE_BYTES + " bytes",
					"(" + message.type() + " " + message.messageId() + ") is " + json.length + " bytes"
							+ largestPart(payload)
							+ "; Customer.io answers 200 to a message over 32 KB and drops it unprocessed");
		}
		return json;
	}

	private String largestPart(Map<String, Object> payload) {
		String largest = null;
		int largestBytes = 0;
		for (Map.Entry<String, Object> part : payload.entrySet()) {
			if (part.getValue() instanceof Map<?, ?>) {
				int bytes = this.codec.write(part.getValue()).length;
				if (bytes > largestBytes) {
					largest = part.getKey();
					largestBytes = bytes;
				}
			}
		}
		return (largest != null) ? ", most of it in " + largest + " (" + largestBytes + " bytes)" : "";
	}

	private Mono<Void> send(String operation, PipelinesMessage message) {
		byte[] json = encode(message);
		return this.http.exchange(this.resilience,
				ApiRequest.withoutResponse(operation, HttpMethod.POST, "/v1/" + message.type(), Map.of(), json));
	}

}
