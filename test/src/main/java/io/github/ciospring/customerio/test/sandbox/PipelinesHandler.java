package io.github.ciospring.customerio.test.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Answers the Data Pipelines API's calls. Customer.io documents 32 KB per call and 500 KB per batch, and answers
 * an oversize call 200 while silently dropping it; the sandbox does the same (counting the drop) unless told to
 * reject oversize calls with a 400. Malformed calls (not JSON, no {@code userId} or {@code anonymousId}) get a 400.
 */
final class PipelinesHandler {

	static final int MAX_CALL_BYTES = 32 * 1024;

	static final int MAX_BATCH_BYTES = 500 * 1024;

	private static final Set<String> TYPES = Set.of("identify", "track", "page", "screen", "group", "alias");

	private final SandboxJson json;

	private final PeopleStore people;

	private final boolean rejectOversize;

	private final Recordings recordings;

	PipelinesHandler(SandboxJson json, PeopleStore people, boolean rejectOversize, Recordings recordings) {
		this.json = json;
		this.people = people;
		this.rejectOversize = rejectOversize;
		this.recordings = recordings;
	}

	Reply handle(SandboxEndpoint endpoint, SandboxWorkspace workspace, SandboxRequest request) {
		if (endpoint == SandboxEndpoint.PIPELINES_BATCH) {
			return batch(workspace, request);
		}
		String type = endpoint.name().substring("PIPELINES_".length()).toLowerCase(Locale.ROOT);
		if (request.body().length > MAX_CALL_BYTES) {
			return oversize(1, "the call must be at most " + MAX_CALL_BYTES + " bytes, is " + request.body().length);
		}
		JsonNode call = this.json.read(request.body());
		String problem = check(type, call);
		if (problem != null) {
			return Reply.metaError(400, problem);
		}
		apply(workspace, type, call);
		String messageId = TrackHandler.text(call.get("messageId"));
		return new Reply(200, Map.of(), 1, 0, 0, (messageId != null) ? List.of(messageId) : List.of());
	}

	private Reply batch(SandboxWorkspace workspace, SandboxRequest request) {
		JsonNode body = this.json.read(request.body());
		JsonNode batch = (body != null && body.isObject()) ? body.get("batch") : null;
		if (request.body().length >= MAX_BATCH_BYTES) {
			return oversize((batch != null && batch.isArray()) ? batch.size() : 1,
					"the batch must be under " + MAX_BATCH_BYTES + " bytes, is " + request.body().length);
		}
		if (batch == null || !batch.isArray()) {
			return Reply.metaError(400, "batch must be an array of calls");
		}
		int accepted = 0;
		int rejected = 0;
		int dropped = 0;
		List<String> ids = new ArrayList<>();
		for (JsonNode call : batch) {
			if (this.json.size(call) > MAX_CALL_BYTES) {
				dropped++;
				continue;
			}
			String type = TrackHandler.text(call.get("type"));
			if (type == null || !TYPES.contains(type) || check(type, call) != null) {
				rejected++;
				continue;
			}
			accepted++;
			apply(workspace, type, call);
			String messageId = TrackHandler.text(call.get("messageId"));
			if (messageId != null) {
				ids.add(messageId);
			}
		}
		return new Reply(200, Map.of(), accepted, rejected, dropped, ids);
	}

	/** An oversize call: 400 when so configured, else 200 with its items dropped. */
	private Reply oversize(int items, String message) {
		if (this.rejectOversize) {
			return Reply.metaError(400, message);
		}
		return new Reply(200, Map.of(), 0, 0, items, List.of());
	}

	private static String check(String type, JsonNode call) {
		if (call == null || !call.isObject()) {
			return "the body must be a JSON object";
		}
		if (TrackHandler.text(call.get("userId")) == null && TrackHandler.text(call.get("anonymousId")) == null) {
			return "userId or anonymousId is required";
		}
		return switch (type) {
			case "track" -> (TrackHandler.text(call.get("event")) == null) ? "event is required" : null;
			case "group" -> (TrackHandler.text(call.get("groupId")) == null) ? "groupId is required" : null;
			case "alias" -> (TrackHandler.text(call.get("previousId")) == null) ? "previousId is required" : null;
			default -> null;
		};
	}

	@SuppressWarnings("unchecked")
	private void apply(SandboxWorkspace workspace, String type, JsonNode call) {
		String userId = TrackHandler.text(call.get("userId"));
		JsonNode traits = call.get("traits");
		String event = TrackHandler.text(call.get("track".equals(type) ? "event" : "name"));
		this.recordings.pipelinesMessage(new RecordedPipelinesMessage(type, userId,
				TrackHandler.text(call.get("anonymousId")), event, plainObject(traits),
				plainObject(call.get("properties")), TrackHandler.text(call.get("messageId"))));
		if ("identify".equals(type) && userId != null) {
			Map<String, Object> attributes = (traits != null && traits.isObject())
					? (Map<String, Object>) this.json.toPlain(traits) : Map.of();
			this.people.identify(workspace.name(), "id", userId, attributes);
		}
	}

	/** A JSON object as a map; empty for anything else. */
	@SuppressWarnings("unchecked")
	private Map<String, Object> plainObject(JsonNode node) {
		return (node != null && node.isObject()) ? (Map<String, Object>) this.json.toPlain(node) : Map.of();
	}

}
