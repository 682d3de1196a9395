package io.github.ciospring.customerio.test.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.test.sandbox.TrackChecks.Problem;
import tools.jackson.databind.JsonNode;

import static io.github.ciospring.customerio.test.sandbox.TrackChecks.EVENT_ACTIONS;
import static io.github.ciospring.customerio.test.sandbox.TrackChecks.MAX_BATCH_BYTES;
import static io.github.ciospring.customerio.test.sandbox.TrackChecks.MAX_OPERATION_BYTES;
import static io.github.ciospring.customerio.test.sandbox.TrackHandler.text;
import static io.github.ciospring.customerio.test.sandbox.TrackHandler.timestamp;

/**
 * Answers the Track API's v2 calls, {@code entity} and {@code batch}. A call over a limit gets a 400 with
 * {@code {"errors":[{reason, field, message}]}}; invalid items of a batch a 207 listing them by
 * {@code batch_index}, the others being accepted.
 */
final class TrackV2Handler {

	private final SandboxJson json;

	private final PeopleStore people;

	private final Recordings recordings;

	private final TrackChecks checks;

	TrackV2Handler(SandboxJson json, PeopleStore people, Recordings recordings, TrackChecks checks) {
		this.json = json;
		this.people = people;
		this.recordings = recordings;
		this.checks = checks;
	}

	Reply entity(SandboxWorkspace workspace, SandboxRequest request) {
		if (request.body().length > MAX_OPERATION_BYTES) {
			return v2Error(new Problem("too_large", "", "the operation must be at most " + MAX_OPERATION_BYTES
					+ " bytes, is " + request.body().length));
		}
		JsonNode operation = this.json.read(request.body());
		List<Problem> problems = this.checks.checkOperation(operation, request.body().length);
		if (!problems.isEmpty()) {
			return v2Error(problems.get(0));
		}
		apply(workspace, operation);
		return Reply.accepted(eventId(operation));
	}

	Reply batch(SandboxWorkspace workspace, SandboxRequest request,
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
					: this.checks.checkOperation(operation, this.json.size(operation));
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
				object ? text(operation.get("action")) : null, this.json.plainObjectOrEmpty(identifiers),
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
							(attributes != null && attributes.isObject()) ? this.json.plainObject(attributes) : Map.of());
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
					text(operation.get("name")), this.json.plainObjectOrEmpty(operation.get("attributes")),
					text(operation.get("id")), timestamp(operation.get("timestamp"))));
			case "add_device" -> {
				if (device != null && device.isObject()) {
					this.recordings.addDevice(TrackHandler.recordedDevice(this.json, person, device, "token"));
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

}
