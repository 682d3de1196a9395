package io.github.ciospring.customerio.test.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import static io.github.ciospring.customerio.test.sandbox.TrackChecks.MAX_EVENT_DATA_BYTES;
import static io.github.ciospring.customerio.test.sandbox.TrackChecks.MAX_SEGMENT_IDS;

/**
 * Answers the Track API's calls as Customer.io documents them: the v1 calls here, the v2 {@code entity} and
 * {@code batch} in {@link TrackV2Handler}, both checked by {@link TrackChecks}. A v1 call over a limit gets a 400
 * with {@code {"meta":{"errors":[...]}}}.
 */
final class TrackHandler {

	private final SandboxJson json;

	private final PeopleStore people;

	private final Recordings recordings;

	private final TrackChecks checks;

	private final TrackV2Handler v2;

	TrackHandler(SandboxJson json, PeopleStore people, Recordings recordings) {
		this.json = json;
		this.people = people;
		this.recordings = recordings;
		this.checks = new TrackChecks(json);
		this.v2 = new TrackV2Handler(json, people, recordings, this.checks);
	}

	Reply handle(SandboxEndpoint endpoint, SandboxWorkspace workspace, SandboxRequest request) {
		return handle(endpoint, workspace, request, SandboxFaults.BatchRejection.NONE);
	}

	/**
	 * Answers a Track call.
	 * @param rejectedBatchItems the items of a batch to reject whatever they hold, and the error to give (a fault a
	 * test injected); ignored by other endpoints
	 */
	Reply handle(SandboxEndpoint endpoint, SandboxWorkspace workspace, SandboxRequest request,
			SandboxFaults.BatchRejection rejectedBatchItems) {
		return switch (endpoint) {
			case TRACK_REGION -> Reply.ok(Map.of("url", request.baseUrl(), "region", "us", "environment_id", 1));
			case TRACK_IDENTIFY -> identify(workspace, request);
			case TRACK_DELETE -> delete(workspace, request);
			case TRACK_EVENT -> event(request, true);
			case TRACK_ANONYMOUS_EVENT -> event(request, false);
			case TRACK_ADD_DEVICE -> addDevice(request);
			case TRACK_DELETE_DEVICE, TRACK_SUPPRESS, TRACK_UNSUPPRESS -> personOnly(endpoint, request);
			case TRACK_MERGE -> merge(request);
			case TRACK_SEGMENT_ADD, TRACK_SEGMENT_REMOVE -> segment(request);
			case TRACK_METRICS, TRACK_PUSH_METRICS -> metric(request);
			case TRACK_ENTITY -> this.v2.entity(workspace, request);
			case TRACK_BATCH -> this.v2.batch(workspace, request, rejectedBatchItems);
			default -> throw new IllegalArgumentException("not a Track endpoint: " + endpoint);
		};
	}

	private Reply identify(SandboxWorkspace workspace, SandboxRequest request) {
		String identifier = request.pathVariable(0);
		List<String> errors = new ArrayList<>();
		this.checks.checkIdentifier(errors, "identifier", identifier);
		JsonNode body = this.json.read(request.body());
		if (body != null && !body.isObject()) {
			errors.add("request body must be a JSON object");
		}
		if (body != null && body.isObject()) {
			this.checks.checkAttributes(errors, "", body);
		}
		if (!errors.isEmpty()) {
			return Reply.metaErrors(400, errors);
		}
		Map<String, Object> attributes = (body != null) ? this.json.plainObject(body) : Map.of();
		this.people.identify(workspace.name(), kindOf(identifier), valueOf(identifier), attributes);
		return Reply.ok();
	}

	private Reply delete(SandboxWorkspace workspace, SandboxRequest request) {
		String identifier = request.pathVariable(0);
		List<String> errors = new ArrayList<>();
		this.checks.checkIdentifier(errors, "identifier", identifier);
		if (!errors.isEmpty()) {
			return Reply.metaErrors(400, errors);
		}
		this.people.delete(workspace.name(), kindOf(identifier), valueOf(identifier));
		return Reply.ok();
	}

	private Reply event(SandboxRequest request, boolean identified) {
		List<String> errors = new ArrayList<>();
		if (identified) {
			this.checks.checkIdentifier(errors, "identifier", request.pathVariable(0));
		}
		JsonNode body = this.json.read(request.body());
		if (body == null || !body.isObject()) {
			return Reply.metaErrors(400, List.of("request body must be a JSON object"));
		}
		this.checks.checkEventName(errors, "name", body.get("name"));
		JsonNode data = body.get("data");
		if (data != null && this.json.size(data) > MAX_EVENT_DATA_BYTES) {
			errors.add("data: must be at most " + MAX_EVENT_DATA_BYTES + " bytes, is " + this.json.size(data));
		}
		if (!errors.isEmpty()) {
			return Reply.metaErrors(400, errors);
		}
		String type = text(body.get("type"));
		this.recordings.event(new RecordedEvent(identified ? request.pathVariable(0) : null,
				identified ? null : text(body.get("anonymous_id")), (type != null) ? type : "event",
				text(body.get("name")), this.json.plainObjectOrEmpty(data), text(body.get("id")), timestamp(body.get("timestamp"))));
		return Reply.accepted(text(body.get("id")));
	}

	private Reply addDevice(SandboxRequest request) {
		List<String> errors = new ArrayList<>();
		this.checks.checkIdentifier(errors, "identifier", request.pathVariable(0));
		JsonNode body = this.json.read(request.body());
		JsonNode device = (body != null) ? body.get("device") : null;
		if (device == null || !device.isObject() || isBlank(device.get("id"))) {
			errors.add("device.id: is required");
		}
		if (!errors.isEmpty()) {
			return Reply.metaErrors(400, errors);
		}
		this.recordings.addDevice(recordedDevice(this.json, request.pathVariable(0), device, "id"));
		return Reply.ok();
	}

	private Reply personOnly(SandboxEndpoint endpoint, SandboxRequest request) {
		List<String> errors = new ArrayList<>();
		String person = request.pathVariable(0);
		this.checks.checkIdentifier(errors, "identifier", person);
		if (!errors.isEmpty()) {
			return Reply.metaErrors(400, errors);
		}
		switch (endpoint) {
			case TRACK_DELETE_DEVICE -> this.recordings.deleteDevice(person, request.pathVariable(1));
			case TRACK_SUPPRESS -> this.recordings.suppress(person);
			default -> this.recordings.unsuppress(person);
		}
		return Reply.ok();
	}

	/** The device a v1 or v2 call adds, its token in {@code tokenField}. */
	static RecordedDevice recordedDevice(SandboxJson json, String person, JsonNode device, String tokenField) {
		return new RecordedDevice(person, text(device.get(tokenField)), text(device.get("platform")),
				json.plainObjectOrEmpty(device.get("attributes")));
	}

	private Reply merge(SandboxRequest request) {
		JsonNode body = this.json.read(request.body());
		List<String> errors = new ArrayList<>();
		for (String field : List.of("primary", "secondary")) {
			JsonNode person = (body != null) ? body.get(field) : null;
			if (person == null || !person.isObject() || person.isEmpty()) {
				errors.add(field + ": is required");
			}
		}
		return errors.isEmpty() ? Reply.ok() : Reply.metaErrors(400, errors);
	}

	private Reply segment(SandboxRequest request) {
		JsonNode body = this.json.read(request.body());
		JsonNode ids = (body != null) ? body.get("ids") : null;
		if (ids == null || !ids.isArray() || ids.isEmpty()) {
			return Reply.metaErrors(400, List.of("ids: is required"));
		}
		if (ids.size() > MAX_SEGMENT_IDS) {
			return Reply.metaErrors(400,
					List.of("ids: must hold at most " + MAX_SEGMENT_IDS + " ids, holds " + ids.size()));
		}
		return Reply.ok();
	}

	private Reply metric(SandboxRequest request) {
		JsonNode body = this.json.read(request.body());
		if (body == null || !body.isObject()) {
			return Reply.metaErrors(400, List.of("request body must be a JSON object"));
		}
		return Reply.ok();
	}

	/** A timestamp in Unix seconds, {@code null} when absent or not a number. */
	static Instant timestamp(JsonNode node) {
		if (node == null || !node.isNumber()) {
			return null;
		}
		return Instant.ofEpochSecond(node.asLong());
	}

	/** {@code cio_<id>} addresses a person by cio_id, anything with an {@code @} by email, the rest by id. */
	static String kindOf(String identifier) {
		if (identifier.startsWith("cio_")) {
			return "cio_id";
		}
		return identifier.contains("@") ? "email" : "id";
	}

	static String valueOf(String identifier) {
		return identifier.startsWith("cio_") ? identifier.substring(4) : identifier;
	}

	private static boolean isBlank(JsonNode node) {
		String text = text(node);
		return text == null || text.isBlank();
	}

	static String text(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
			return null;
		}
		return node.asString();
	}

	static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
