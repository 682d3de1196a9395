package io.github.ciospring.customerio.track;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.IdType;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.http.ApiRequest;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilience;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * Customer.io's Track API: people, events, devices, segments and delivery metrics (v1), and the v2
 * {@code entity} and {@code batch} endpoints. Every call is rate limited and retried under the {@code track}
 * API's limiter and retry; requests are checked against the documented limits before anything is sent, and an
 * oversized or malformed request fails at once with a {@link CustomerIoValidationException} naming the field and
 * the limit.
 */
public class TrackClient {

	private static final String CUSTOMER = "/api/v1/customers/{identifier}";

	private final CustomerIoHttpClient http;

	private final ApiResilience resilience;

	private final JsonCodec codec;

	public TrackClient(CustomerIoHttpClient http, ApiResilience resilience) {
		this.http = http;
		this.resilience = resilience;
		this.codec = http.codec();
	}

	/** Creates or updates a person. */
	public Mono<Void> identify(Identify identify) {
		return send("identify", HttpMethod.PUT, CUSTOMER, Map.of("identifier", identify.identifier()),
				identify.attributes());
	}

	/** Deletes a person. */
	public Mono<Void> delete(String identifier) {
		return send("delete", HttpMethod.DELETE, CUSTOMER, customer(identifier), null);
	}

	/** Records an event, page view or screen view of an identified person. */
	public Mono<Void> track(Event event) {
		Map<String, Object> body = eventBody(event.name(), event.type(), event.id(), event.timestamp(), event.data());
		return send("track", HttpMethod.POST, CUSTOMER + "/events", Map.of("identifier", event.identifier()), body);
	}

	/** Records an event of someone not yet identified. */
	public Mono<Void> trackAnonymous(AnonymousEvent event) {
		Map<String, Object> body = eventBody(event.name(), event.type(), event.id(), event.timestamp(), event.data());
		JsonPayloads.putIfPresent(body, "anonymous_id", event.anonymousId());
		return send("track_anonymous", HttpMethod.POST, "/api/v1/events", Map.of(), body);
	}

	/** Records a page view; shorthand for {@link #track(Event)} with {@link Event#page}. */
	public Mono<Void> page(String identifier, String url, Map<String, ?> data) {
		return track(Event.page(identifier, url, data));
	}

	/** Records a mobile screen view; shorthand for {@link #track(Event)} with {@link Event#screen}. */
	public Mono<Void> screen(String identifier, String screenName, Map<String, ?> data) {
		return track(Event.screen(identifier, screenName, data));
	}

	/** Adds or updates a person's push device. */
	public Mono<Void> addDevice(String identifier, Device device) {
		return send("add_device", HttpMethod.PUT, CUSTOMER + "/devices", customer(identifier),
				Map.of("device", device.json("id")));
	}

	/** Removes a person's push device. */
	public Mono<Void> deleteDevice(String identifier, String deviceToken) {
		PayloadLimits.requireText("deviceToken", deviceToken);
		return send("delete_device", HttpMethod.DELETE, CUSTOMER + "/devices/{deviceId}",
				Map.of("identifier", TrackLimits.identifier("identifier", identifier), "deviceId", deviceToken),
				null);
	}

	/** Suppresses a person: deletes them and ignores their identifier from now on. */
	public Mono<Void> suppress(String identifier) {
		return send("suppress", HttpMethod.POST, CUSTOMER + "/suppress", customer(identifier), null);
	}

	/** Lifts a suppression, so the identifier can be used again. */
	public Mono<Void> unsuppress(String identifier) {
		return send("unsuppress", HttpMethod.POST, CUSTOMER + "/unsuppress", customer(identifier), null);
	}

	/** Merges the secondary person into the primary one; the secondary is deleted. */
	public Mono<Void> merge(PersonIdentifier primary, PersonIdentifier secondary) {
		if (primary == null || secondary == null) {
			throw new CustomerIoValidationException("primary/secondary", "required", "must both be given");
		}
		return send("merge", HttpMethod.POST, "/api/v1/merge_customers", Map.of(),
				Map.of("primary", primary, "secondary", secondary));
	}

	/** Adds people to a manual segment (at most 1000 per call). */
	public Mono<Void> addToSegment(long segmentId, List<String> ids, IdType idType) {
		return changeSegment("add_to_segment", "add_customers", segmentId, ids, idType);
	}

	/** Removes people from a manual segment (at most 1000 per call). */
	public Mono<Void> removeFromSegment(long segmentId, List<String> ids, IdType idType) {
		return changeSegment("remove_from_segment", "remove_customers", segmentId, ids, idType);
	}

	private Mono<Void> changeSegment(String operation, String path, long segmentId, List<String> ids,
			IdType idType) {
		if (idType == IdType.PHONE) {
			throw new CustomerIoValidationException("idType", "id, email or cio_id for a segment change",
					"is phone");
		}
		PayloadLimits.requireSize("ids", ids, 1, TrackLimits.MAX_SEGMENT_IDS);
		for (int i = 0; i < ids.size(); i++) {
			TrackLimits.identifier("ids[" + i + "]", ids.get(i));
		}
		String template = "/api/v1/segments/{segmentId}/" + path
				+ ((idType != null && idType != IdType.ID) ? "?id_type={idType}" : "");
		Map<String, Object> variables = (idType != null && idType != IdType.ID)
				? Map.of("segmentId", segmentId, "idType", idType.value()) : Map.of("segmentId", segmentId);
		return send(operation, HttpMethod.POST, template, variables, Map.of("ids", List.copyOf(ids)));
	}

	/** Reports a delivery metric (open, click, bounce...) seen outside Customer.io. */
	public Mono<Void> trackMetric(DeliveryMetric metric) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("delivery_id", metric.deliveryId());
		body.put("metric", metric.metric().value());
		body.put("timestamp", ((metric.timestamp() != null) ? metric.timestamp() : Instant.now()).getEpochSecond());
		JsonPayloads.putIfPresent(body, "recipient", metric.recipient());
		JsonPayloads.putIfPresent(body, "reason", metric.reason());
		JsonPayloads.putIfPresent(body, "href", metric.href());
		return send("metrics", HttpMethod.POST, "/api/v1/metrics", Map.of(), body);
	}

	/** Where the credentials' account lives; a cheap check that the credentials and region are right. */
	public Mono<RegionInfo> region() {
		return this.http.exchange(this.resilience,
				new ApiRequest<>("region", HttpMethod.GET, "/api/v1/accounts/region", Map.of(), null, RegionInfo.class));
	}

	/** Sends one v2 operation ({@code POST /api/v2/entity}), at most 32 KB. */
	public Mono<Void> entity(TrackOperation operation) {
		return this.http.exchange(this.resilience, ApiRequest.withoutResponse("entity", HttpMethod.POST,
				"/api/v2/entity", Map.of(), encodeOperation(operation)));
	}

	/**
	 * Sends v2 operations in one request ({@code POST /api/v2/batch}): each at most 32 KB, the request below
	 * 500 KB. Items Customer.io rejects come back in the {@link BatchResult}; the others were accepted.
	 */
	public Mono<BatchResult> batch(List<TrackOperation> operations) {
		PayloadLimits.requireSize("batch", operations, 1, Integer.MAX_VALUE);
		return sendBatch(encodeBatch(operations));
	}

	/**
	 * Sends an already encoded batch body. For callers that pack batches themselves from
	 * {@link #encodeOperation(TrackOperation)} results.
	 */
	public Mono<BatchResult> sendBatch(byte[] batchBody) {
		if (batchBody.length >= TrackLimits.MAX_BATCH_BYTES) {
			throw new CustomerIoValidationException("batch", "less than " + TrackLimits.MAX_BATCH_BYTES + " bytes",
					"is " + batchBody.length + " bytes");
		}
		return this.http
			.exchange(this.resilience,
					new ApiRequest<>("batch", HttpMethod.POST, "/api/v2/batch", Map.of(), batchBody, BatchResult.class))
			.defaultIfEmpty(BatchResult.allAccepted());
	}

	/** The operation's JSON, checked against the 32 KB per-operation limit. */
	public byte[] encodeOperation(TrackOperation operation) {
		byte[] json = this.codec.write(operation);
		PayloadLimits.requireMaxBytes("operation", json.length, TrackLimits.MAX_OPERATION_BYTES);
		return json;
	}

	private byte[] encodeBatch(List<TrackOperation> operations) {
		return JsonPayloads.batchBody(operations.size(), (i) -> {
			try {
				return encodeOperation(operations.get(i));
			}
			catch (CustomerIoValidationException ex) {
				throw ex.within("batch[" + i + "]");
			}
		});
	}

	private Mono<Void> send(String operation, HttpMethod method, String template, Map<String, ?> variables,
			Object body) {
		byte[] json = (body != null) ? this.codec.write(body) : null;
		return this.http.exchange(this.resilience,
				ApiRequest.withoutResponse(operation, method, template, variables, json));
	}

	private static Map<String, Object> customer(String identifier) {
		return Map.of("identifier", TrackLimits.identifier("identifier", identifier));
	}

	private static Map<String, Object> eventBody(String name, EventType type, String id, Instant timestamp,
			Map<String, Object> data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("id", id);
		if (type != EventType.EVENT) {
			body.put("type", type.value());
		}
		JsonPayloads.putIfPresent(body, "timestamp", JsonPayloads.epochSeconds(timestamp));
		JsonPayloads.putIfNotEmpty(body, "data", data);
		return body;
	}

}
