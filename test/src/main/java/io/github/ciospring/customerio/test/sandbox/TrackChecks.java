package io.github.ciospring.customerio.test.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import static io.github.ciospring.customerio.test.sandbox.TrackHandler.text;
import static io.github.ciospring.customerio.test.sandbox.TrackHandler.utf8Length;

/**
 * The Track API's documented payload limits, checked as Customer.io checks them: identifiers and attribute names
 * at most 150 bytes, attribute values at most 1000 bytes, at most 300 attributes, event names at most 100 bytes,
 * event data at most 100,000 bytes, segment changes at most 1000 ids, a v2 operation at most 32 KB and a batch under
 * 500 KB. "KB" is read as 1024 bytes here, the larger reading: the sandbox accepts whatever Customer.io may accept,
 * while the clients keep to the smaller one.
 */
final class TrackChecks {

	static final int MAX_IDENTIFIER_BYTES = 150;

	static final int MAX_ATTRIBUTE_NAME_BYTES = 150;

	static final int MAX_ATTRIBUTE_VALUE_BYTES = 1000;

	static final int MAX_ATTRIBUTES = 300;

	static final int MAX_EVENT_NAME_BYTES = 100;

	static final int MAX_EVENT_DATA_BYTES = 100_000;

	static final int MAX_SEGMENT_IDS = 1000;

	static final int MAX_OPERATION_BYTES = 32 * 1024;

	static final int MAX_BATCH_BYTES = 500 * 1024;

	/** The v2 person actions that record an event. */
	static final Set<String> EVENT_ACTIONS = Set.of("event", "page", "screen");

	private final SandboxJson json;

	TrackChecks(SandboxJson json) {
		this.json = json;
	}

	/** What is wrong with one v2 operation; empty when it is valid. */
	List<Problem> checkOperation(JsonNode operation, int bytes) {
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

	void checkIdentifier(List<String> errors, String field, String identifier) {
		if (identifier == null || identifier.isBlank()) {
			errors.add(field + ": is required");
		}
		else if (utf8Length(identifier) > MAX_IDENTIFIER_BYTES) {
			errors.add(field + ": must be at most " + MAX_IDENTIFIER_BYTES + " bytes, is " + utf8Length(identifier));
		}
	}

	void checkAttributes(List<String> errors, String prefix, JsonNode attributes) {
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

	void checkEventName(List<String> errors, String field, JsonNode name) {
		String text = text(name);
		if (text == null || text.isBlank()) {
			errors.add(field + ": is required");
		}
		else if (utf8Length(text) > MAX_EVENT_NAME_BYTES) {
			errors.add(field + ": must be at most " + MAX_EVENT_NAME_BYTES + " bytes, is " + utf8Length(text));
		}
	}

	/**
	 * What is wrong with a v2 operation, in Customer.io's words.
	 *
	 * @param reason a short code
	 * @param field the field at fault, empty for the whole operation
	 * @param message the explanation
	 */
	record Problem(String reason, String field, String message) {
	}

}
