package io.github.ciospring.customerio.test.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

/**
 * Answers the App API's calls: transactional sends (at most 1 MB, at most 15 recipients, {@code identifiers}
 * and a {@code transactional_message_id} or a {@code body} required), broadcast triggers, customer lookups
 * (answered from the people the workspace identified through Track or Data Pipelines) and exports (completed at
 * once).
 */
final class AppHandler {

	static final int MAX_SEND_BYTES = 1024 * 1024;

	static final int MAX_RECIPIENTS = 15;

	private final SandboxJson json;

	private final PeopleStore people;

	private final Recordings recordings;

	private final AtomicLong triggers = new AtomicLong();

	private final AtomicLong exportIds = new AtomicLong();

	private final Map<Long, Map<String, Object>> exports = new ConcurrentHashMap<>();

	AppHandler(SandboxJson json, PeopleStore people, Recordings recordings) {
		this.json = json;
		this.people = people;
		this.recordings = recordings;
	}

	Reply handle(SandboxEndpoint endpoint, SandboxWorkspace workspace, SandboxRequest request) {
		return switch (endpoint) {
			case APP_SEND_EMAIL, APP_SEND_PUSH, APP_SEND_SMS -> send(endpoint, request);
			case APP_BROADCAST -> broadcast(request);
			case APP_CUSTOMERS_BY_EMAIL -> customersByEmail(workspace, request);
			case APP_CUSTOMER_ATTRIBUTES -> customerAttributes(workspace, request);
			case APP_CUSTOMERS_ATTRIBUTES -> customersAttributes(workspace, request);
			case APP_EXPORT_CUSTOMERS -> export(workspace, "customers");
			case APP_EXPORT_DELIVERIES -> export(workspace, "deliveries");
			case APP_EXPORTS -> Reply.ok(Map.of("exports", new ArrayList<>(this.exports.values())));
			case APP_EXPORT -> findExport(request).map((export) -> Reply.ok(Map.of("export", export)))
				.orElseGet(() -> Reply.metaError(404, "export not found"));
			case APP_EXPORT_DOWNLOAD -> findExport(request)
				.map((export) -> Reply.ok(Map.of("url",
						"https://exports.sandbox.invalid/" + export.get("id") + ".csv.gz")))
				.orElseGet(() -> Reply.metaError(404, "export not found"));
			default -> throw new IllegalArgumentException("not an App endpoint: " + endpoint);
		};
	}

	private Reply send(SandboxEndpoint endpoint, SandboxRequest request) {
		if (request.body().length > MAX_SEND_BYTES) {
			return Reply.metaError(400,
					"the request must be at most " + MAX_SEND_BYTES + " bytes, is " + request.body().length);
		}
		JsonNode body = this.json.read(request.body());
		if (body == null || !body.isObject()) {
			return Reply.metaError(400, "the body must be a JSON object");
		}
		JsonNode identifiers = body.get("identifiers");
		if (identifiers == null || !identifiers.isObject() || identifiers.isEmpty()) {
			return Reply.metaError(400, "identifiers: is required");
		}
		if (TrackHandler.text(body.get("transactional_message_id")) == null
				&& TrackHandler.text(body.get("body")) == null) {
			return Reply.metaError(400, "transactional_message_id or body: one is required");
		}
		String to = TrackHandler.text(body.get("to"));
		if (to != null && to.split(",").length > MAX_RECIPIENTS) {
			return Reply.metaError(400, "to: at most " + MAX_RECIPIENTS + " recipients allowed");
		}
		Map<String, Object> queued = new LinkedHashMap<>();
		String deliveryId = "sbx-" + UUID.randomUUID();
		queued.put("delivery_id", deliveryId);
		queued.put("queued_at", Instant.now().getEpochSecond());
		String channel = endpoint.name().substring("APP_SEND_".length()).toLowerCase(Locale.ROOT);
		this.recordings.send(new RecordedSend(channel, TrackHandler.text(body.get("transactional_message_id")),
				plainObject(identifiers), to, plainObject(body.get("message_data")), plainObject(body), deliveryId));
		return Reply.ok(queued);
	}

	private Reply broadcast(SandboxRequest request) {
		String broadcastId = request.pathVariable(0);
		if (!broadcastId.chars().allMatch(Character::isDigit)) {
			return Reply.metaError(404, "broadcast " + broadcastId + " not found");
		}
		JsonNode body = this.json.read(request.body());
		if (request.body().length > 0 && body == null) {
			return Reply.metaError(400, "the body must be JSON");
		}
		long triggerId = this.triggers.incrementAndGet();
		this.recordings.broadcast(new RecordedBroadcast(Long.parseLong(broadcastId), plainObject(body), triggerId));
		return Reply.ok(Map.of("id", triggerId));
	}

	/** A JSON object as a map; empty for anything else. */
	@SuppressWarnings("unchecked")
	private Map<String, Object> plainObject(JsonNode node) {
		return (node != null && node.isObject()) ? (Map<String, Object>) this.json.toPlain(node) : Map.of();
	}

	private Reply customersByEmail(SandboxWorkspace workspace, SandboxRequest request) {
		String email = request.query().get("email");
		if (email == null || email.isBlank()) {
			return Reply.metaError(400, "email: is required");
		}
		List<Map<String, Object>> results = new ArrayList<>();
		for (PeopleStore.Person person : this.people.findByEmail(workspace.name(), email)) {
			results.add(person.identifiers());
		}
		return Reply.ok(Map.of("results", results));
	}

	private Reply customerAttributes(SandboxWorkspace workspace, SandboxRequest request) {
		String idType = request.query().getOrDefault("id_type", "id");
		return this.people.find(workspace.name(), idType, request.pathVariable(0))
			.map((person) -> Reply.ok(Map.of("customer", customer(person))))
			.orElseGet(() -> Reply.metaError(404, "Customer not found"));
	}

	private Reply customersAttributes(SandboxWorkspace workspace, SandboxRequest request) {
		JsonNode body = this.json.read(request.body());
		JsonNode ids = (body != null) ? body.get("ids") : null;
		if (ids == null || !ids.isArray()) {
			return Reply.metaError(400, "ids: is required");
		}
		List<Map<String, Object>> customers = new ArrayList<>();
		for (JsonNode id : ids) {
			this.people.find(workspace.name(), "id", id.asString()).ifPresent((person) -> customers.add(customer(person)));
		}
		return Reply.ok(Map.of("customers", customers));
	}

	private static Map<String, Object> customer(PeopleStore.Person person) {
		Map<String, Object> customer = new LinkedHashMap<>();
		customer.put("id", person.id());
		customer.put("identifiers", person.identifiers());
		customer.put("attributes", person.attributes());
		customer.put("timestamps", Map.of("cio_id", person.createdAt().getEpochSecond()));
		customer.put("unsubscribed", false);
		customer.put("devices", List.of());
		return customer;
	}

	private Reply export(SandboxWorkspace workspace, String type) {
		long id = this.exportIds.incrementAndGet();
		long now = Instant.now().getEpochSecond();
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("id", id);
		export.put("type", type);
		export.put("status", "done");
		export.put("total", "customers".equals(type) ? this.people.size(workspace.name()) : 0);
		export.put("failed", false);
		export.put("downloads", 0);
		export.put("created_at", now);
		export.put("updated_at", now);
		this.exports.put(id, export);
		return Reply.ok(Map.of("export", export));
	}

	private Optional<Map<String, Object>> findExport(SandboxRequest request) {
		try {
			return Optional.ofNullable(this.exports.get(Long.parseLong(request.pathVariable(0))));
		}
		catch (NumberFormatException tooLong) {
			return Optional.empty();
		}
	}

}
