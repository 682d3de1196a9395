package io.github.ciospring.customerio.test.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Answers the Track API's calls (v1 and the v2 {@code entity} and {@code batch}) as Customer.io documents them,
 * enforcing its limits: identifiers and attribute names at most 150 bytes, attribute values at most 1000 bytes,
 * at most 300 attributes, event names at most 100 bytes, event data at most 100,000 bytes, segment changes at
 * most 1000 ids, a v2 operation at most 32 KB and a batch under 500 KB. A v1 call over a limit gets a 400 with
 * {@code {"meta":{"errors":[...]}}}; a v2 call a 400 with {@code {"errors":[{reason, field, message}]}}; invalid
 * items of a batch a 207 listing them by {@code batch_index}, the others being accepted.
 */
final class TrackHandler {

	static final int MAX_IDENTIFIER_BYTES = 150;

	static final int MAX_ATTRIBUTE_NAME_BYTES = 150;

	static final int MAX_ATTRIBUTE_VALUE_BYTES = 1000;

	static final int MAX_ATTRIBUTES = 300;

	static final int MAX_EVENT_NAME_BYTES = 100;

	static final int MAX_EVENT_DATA_BYTES = 100_000;

	static final int MAX_SEGMENT_IDS = 1000;

	static final int MAX_OPERATION_BYTES = 32 * 1024;

	static final int MAX_BATCH_BYTES = 500 * 1024;

	private static final Set<String> EVENT_ACTIONS = Set.of("event", "page", "screen");

	private final SandboxJson json;

	private final PeopleStore people;

	private final Recordings recordings;

	TrackHandler(SandboxJson json, PeopleStore people, Recordings recordings) {
		this.json = json;
		this.people = people;
		this.recordings = recordings;
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
			case TRACK_ENTITY -> entity(workspace, request);
			case TRACK_BATCH -> batch(workspace, request, rejectedBatchItems);
			default -> throw new IllegalArgumentException("not a Track endpoint: " + endpoint);
		};
	}

	private Reply identify(SandboxWorkspace workspace, SandboxRequest request) {
		String identifier = request.pathVariable(0);
		List<String> errors = new ArrayList<>();
		checkIdentifier(errors, "identifier", identifier);
		JsonNode body = this.json.read(request.body());
		if (body != null && !body.isObject()) {
			errors.add("request body must be a JSON object");
		}
		if (body != null && body.isObject()) {
			checkAttributes(errors, "", body);
		}
		if (!errors.isEmpty()) {
			return Reply.metaErrors(400, errors);
		}
		Map<String, Object> attributes = (body != null) ? plainObject(body) : Map.of();
		this.people.identify(workspace.name(), kindOf(identifier), valueOf(identifier), attributes);
		return Reply.ok();
	}

	private Reply delete(SandboxWorkspace workspace, SandboxRequest request) {
		String identifier = request.pathVariable(0);
		List<String> errors = new ArrayList<>();
		checkIdentifier(errors, "identifier", identifier);
		if (!errors.isEmpty()) {
			return Reply.metaErrors(400, errors);
		}
		this.people.delete(workspace.name(), kindOf(identifier), valueOf(identifier));
		return Reply.ok();
	}

	private Reply event(SandboxRequest request, boolean identified) {
		List<String> errors = new ArrayList<>();
		if (identified) {
			checkIdentifier(errors, "identifier", request.pathVariable(0));
		}
		JsonNode body = this.json.read(request.body());
		if (body == null || !body.isObject()) {
			return Reply.metaErrors(400, List.of("request body must be a JSON object"));
		}
		checkEventName(errors, "name", body.get("name"));
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
				text(body.get("name")), plainObjectOrEmpty(data), text(body.get("id")), timestamp(body.get("timestamp"))));
		return Reply.accepted(text(body.get("id")));
	}

	private Reply addDevice(SandboxRequest request) {
		List<String> errors = new ArrayList<>();
		checkIdentifier(errors, "identifier", request.pathVariable(0));
		JsonNode body = this.json.read(request.body());
		JsonNode device = (body != null) ? body.get("device") : null;
		if (device == null || !device.isObject() || isBlank(device.get("id"))) {
			errors.add("device.id: is required");
		}
		if (!errors.isEmpty()) {
			return Reply.metaErrors(400, errors);
		}
		recordDevice(request.pathVariable(0), device, "id");
		return Reply.ok();
	}

	private Reply personOnly(SandboxEndpoint endpoint, SandboxRequest request) {
		List<String> errors = new ArrayList<>();
		String person = request.pathVariable(0);
		checkIdentifier(errors, "identifier", person);
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

	private void recordDevice(String person, JsonNode device, String tokenField) {
		JsonNode attributes = device.get("attributes");
		this.recordings.addDevice(new RecordedDevice(person, text(device.get(tokenField)),
				text(device.get("platform")), plainObjectOrEmpty(attributes)));
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

	private Reply entity(SandboxWorkspace workspace, SandboxRequest request) {
		if (request.body().length > MAX_OPERATION_BYTES) {
			return v2Error(new Problem("too_large", "", "the operation must be at most " + MAX_OPERATION_BYTES
					+ " bytes, is " + request.body().length));
		}
		JsonNode operation = this.json.read(request.body());
		List<Problem> problems = checkOperation(operation, request.body().length);
		if (!problems.isEmpty()) {
			return v2Error(problems.get(0));
		}
		apply(workspace, operation);
		return Reply.accepted(eventId(operation));
	}

	private Reply batch(SandboxWorkspace workspace, SandboxRequest request,
			SandboxFaults.BatchRejection rejectedItems) {
		if (request.body().length >= MAX_BATCH_BYTES) {
			return v2Error(new Problem("too_large", "batch",
					"the batch must be under " + MAX_BATCH_BYTES + " bytes, is " + request.body().length));
		}
		JsonNode body = this.json.read(request.body());
		JsonNode batch = (body != null && body.isObject()) ? body.get("batch") : null;
		if (batch == null || !batch.isArray() || batch.isEmpty()) {
			return v2Error(new Problem("required", "batch", "batch must be a non-empty array of operations"));
		}
		List<Map<String, Object>> errors = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		int accepted = 0;
		long batchNumber = this.recordings.nextBatch();
		for (int i = 0; i < batch.size(); i++) {
			JsonNode operation = batch.get(i);
			List<Problem> problems = rejectedItems.indexes().contains(i)
					? List.of(new Problem(rejectedItems.reason(), rejectedItems.field(), rejectedItems.message()))
					: checkOperation(operation, this.json.size(operation));
			this.recordings.batchItem(batchItem(batchNumber, i, operation, problems));
			if (problems.isEmpty()) {
				accepted++;
				apply(workspace, operation);
				String id = eventId(operation);
				if (id != null) {
					ids.add(id);
				}
			}
			else {
				for (Problem problem : problems) {
					Map<String, Object> error = new LinkedHashMap<>();
					error.put("batch_index", i);
					error.put("reason", problem.reason());
					error.put("field", problem.field());
					error.put("message", problem.message());
					errors.add(error);
				}
			}
		}
		int rejected = batch.size() - accepted;
		return (rejected == 0) ? new Reply(200, Map.of(), accepted, 0, 0, ids)
				: new Reply(207, Map.of("errors", errors), accepted, rejected, 0, ids);
	}

	private RecordedBatchItem batchItem(long batchNumber, int index, JsonNode operation, List<Problem> problems) {
		boolean object = operation != null && operation.isObject();
		JsonNode identifiers = object ? operation.get("identifiers") : null;
		return new RecordedBatchItem(batchNumber, index, object ? text(operation.get("type")) : null,
				object ? text(operation.get("action")) : null, plainObjectOrEmpty(identifiers),
				problems.isEmpty() ? RecordedBatchItem.Outcome.ACCEPTED : RecordedBatchItem.Outcome.REJECTED,
				problems.isEmpty() ? null : problems.get(0).message());
	}

	private void apply(SandboxWorkspace workspace, JsonNode operation) {
		String action = text(operation.get("action"));
		JsonNode identifiers = operation.get("identifiers");
		if (identifiers == null || !"person".equals(text(operation.get("type")))) {
			return;
		}
		for (String kind : List.of("id", "email", "cio_id")) {
			String value = text(identifiers.get(kind));
			if (value != null) {
				record(action, value, operation);
				if ("identify".equals(action)) {
					JsonNode attributes = operation.get("attributes");
					this.people.identify(workspace.name(), kind, value,
							(attributes != null && attributes.isObject()) ? plainObject(attributes) : Map.of());
				}
				else if ("delete".equals(action) || "suppress".equals(action)) {
					this.people.delete(workspace.name(), kind, value);
				}
				return;
			}
		}
	}

	/** Records what a valid v2 person operation did to the person identified by {@code person}. */
	private void record(String action, String person, JsonNode operation) {
		JsonNode device = operation.get("device");
		switch (action) {
			case "event", "page", "screen" -> this.recordings.event(new RecordedEvent(person, null, action,
					text(operation.get("name")), plainObjectOrEmpty(operation.get("attributes")),
					text(operation.get("id")), timestamp(operation.get("timestamp"))));
			case "add_device" -> {
				if (device != null && device.isObject()) {
					recordDevice(person, device, "token");
				}
			}
			case "delete_device" -> {
				if (device != null && device.isObject()) {
					this.recordings.deleteDevice(person, text(device.get("token")));
				}
			}
			case "suppress" -> this.recordings.suppress(person);
			case "unsuppress" -> this.recordings.unsuppress(person);
			default -> {
			}
		}
	}

	/** What is wrong with one v2 operation; empty when it is valid. */
	private List<Problem> checkOperation(JsonNode operation, int bytes) {
		List<Problem> problems = new ArrayList<>();
		if (operation == null || !operation.isObject()) {
			problems.add(new Problem("invalid", "", "the operation must be a JSON object"));
			return problems;
		}
		if (bytes > MAX_OPERATION_BYTES) {
			problems.add(new Problem("too_large", "",
					"the operation must be at most " + MAX_OPERATION_BYTES + " bytes, is " + bytes));
			return problems;
		}
		String type = text(operation.get("type"));
		String action = text(operation.get("action"));
		if (!"person".equals(type) && !"object".equals(type)) {
			problems.add(new Problem("invalid", "type", "type must be person or object, is " + type));
		}
		if (action == null || action.isBlank()) {
			problems.add(new Problem("required", "action", "action is required"));
			return problems;
		}
		if ("merge".equals(action)) {
			for (String field : List.of("primary", "secondary")) {
				JsonNode person = operation.get(field);
				if (person == null || !person.isObject() || person.isEmpty()) {
					problems.add(new Problem("required", field, field + " is required for merge"));
				}
			}
			return problems;
		}
		JsonNode identifiers = operation.get("identifiers");
		if (identifiers == null || !identifiers.isObject() || identifiers.isEmpty()) {
			problems.add(new Problem("required", "identifiers", "identifiers are required"));
		}
		else {
			for (String kind : identifiers.propertyNames()) {
				String value = text(identifiers.get(kind));
				if (value == null || value.isBlank()) {
					problems.add(new Problem("required", "identifiers." + kind, kind + " must not be blank"));
				}
				else if (utf8Length(value) > MAX_IDENTIFIER_BYTES) {
					problems.add(new Problem("too_long", "identifiers." + kind,
							kind + " must be at most " + MAX_IDENTIFIER_BYTES + " bytes"));
				}
			}
		}
		JsonNode attributes = operation.get("attributes");
		if (EVENT_ACTIONS.contains(action)) {
			List<String> nameErrors = new ArrayList<>();
			checkEventName(nameErrors, "name", operation.get("name"));
			nameErrors.forEach((message) -> problems.add(new Problem("invalid", "name", message)));
			if (attributes != null && this.json.size(attributes) > MAX_EVENT_DATA_BYTES) {
				problems.add(new Problem("too_large", "attributes",
						"event data must be at most " + MAX_EVENT_DATA_BYTES + " bytes"));
			}
		}
		else if ("identify".equals(action) && attributes != null && attributes.isObject()) {
			List<String> attributeErrors = new ArrayList<>();
			checkAttributes(attributeErrors, "attributes.", attributes);
			attributeErrors.forEach((message) -> problems.add(new Problem("invalid", "attributes", message)));
		}
		return problems;
	}

	private void checkIdentifier(List<String> errors, String field, String identifier) {
		if (identifier == null || identifier.isBlank()) {
			errors.add(field + ": is required");
		}
		else if (utf8Length(identifier) > MAX_IDENTIFIER_BYTES) {
			errors.add(field + ": must be at most " + MAX_IDENTIFIER_BYTES + " bytes, is " + utf8Length(identifier));
		}
	}

	private void checkAttributes(List<String> errors, String prefix, JsonNode attributes) {
		if (attributes.size() > MAX_ATTRIBUTES) {
			errors.add(prefix + "attributes: at most " + MAX_ATTRIBUTES + " allowed, got " + attributes.size());
		}
		for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
			String name = attribute.getKey();
			if (utf8Length(name) > MAX_ATTRIBUTE_NAME_BYTES) {
				errors.add(prefix + "attribute name must be at most " + MAX_ATTRIBUTE_NAME_BYTES + " bytes: '"
						+ name.substring(0, 20) + "...'");
			}
			int valueBytes = utf8Length(this.json.text(attribute.getValue()));
			if (valueBytes > MAX_ATTRIBUTE_VALUE_BYTES) {
				errors.add(prefix + name + ": value must be at most " + MAX_ATTRIBUTE_VALUE_BYTES + " bytes, is "
						+ valueBytes);
			}
		}
	}

	private void checkEventName(List<String> errors, String field, JsonNode name) {
		String text = text(name);
		if (text == null || text.isBlank()) {
			errors.add(field + ": is required");
		}
		else if (utf8Length(text) > MAX_EVENT_NAME_BYTES) {
			errors.add(field + ": must be at most " + MAX_EVENT_NAME_BYTES + " bytes, is " + utf8Length(text));
		}
	}

	private static Reply v2Error(Problem problem) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("reason", problem.reason());
		error.put("field", problem.field());
		error.put("message", problem.message());
		return Reply.error(400, Map.of("errors", List.of(error)));
	}

	private static String eventId(JsonNode operation) {
		return EVENT_ACTIONS.contains(text(operation.get("action"))) ? text(operation.get("id")) : null;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> plainObject(JsonNode node) {
		return (Map<String, Object>) this.json.toPlain(node);
	}

	private Map<String, Object> plainObjectOrEmpty(JsonNode node) {
		return (node != null && node.isObject()) ? plainObject(node) : Map.of();
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

	/**
	 * What is wrong with a v2 operation, in Customer.io's words.
	 *
	 * @param reason a short code
	 * @param field the field at fault, empty for the whole operation
	 * @param message the explanation
	 */
	private record Problem(String reason, String field, String message) {
	}

}
