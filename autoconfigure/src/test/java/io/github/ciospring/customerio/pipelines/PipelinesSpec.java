package io.github.ciospring.customerio.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer.io's Pipelines OpenAPI document (a copy of {@code shared/customerio-openapi/pipelines.json} in the test
 * resources) and a compact checker of request bodies against it.
 * <p>
 * The checker reads the JSON Schema keywords the document uses ({@code $ref}, {@code allOf}, {@code anyOf},
 * {@code oneOf}, {@code type}, {@code enum}, {@code required}, {@code properties}, {@code additionalProperties},
 * {@code items}, {@code format: date-time}) with two deliberate differences from a stock validator:
 * <ul>
 * <li>{@code oneOf} is read as {@code anyOf}: the document's branches overlap (a semantic event such as
 * {@code User Deleted} also matches the custom-event branch, a call with both {@code userId} and
 * {@code anonymousId} matches both identity branches), so "exactly one" would reject calls Customer.io documents
 * as valid.</li>
 * <li>It is stricter at the top of each call: a field that neither the operation's schema nor the common fields
 * ({@code all_common_fields}: messageId, timestamp, context, integrations, ...) declare is a violation, so a
 * misspelt or snake_case field ({@code user_id}, {@code message_id}) cannot slip through the open schemas.</li>
 * <li>A track call whose {@code event} names one of the document's semantic events ({@code User Deleted},
 * {@code Device Created or Updated}, ...) must also match that event's own schema, since the custom-event branch
 * would otherwise accept it with any shape.</li>
 * </ul>
 * A batch is checked against the batch schema, and each of its items also against the schema of its own
 * endpoint.
 */
final class PipelinesSpec {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final JsonNode document;

	private final Set<String> commonFields;

	private PipelinesSpec(JsonNode document) {
		this.document = document;
		this.commonFields = declaredFields(at("/components/schemas/all_common_fields"));
	}

	static PipelinesSpec load() {
		try (InputStream in = PipelinesSpec.class.getResourceAsStream("/customerio-openapi/pipelines.json")) {
			return new PipelinesSpec(MAPPER.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The servers the document names, for example {@code https://cdp.customer.io/v1}. */
	List<String> servers() {
		List<String> urls = new ArrayList<>();
		this.document.path("servers").values().forEach((server) -> urls.add(server.path("url").asString()));
		return urls;
	}

	/** Whether the document has a {@code POST} operation at that path, for example {@code /identify}. */
	boolean hasPost(String path) {
		return !this.document.path("paths").path(path).path("post").isMissingNode();
	}

	/** The operation's security scheme, for example {@code {type: http, scheme: basic}}. */
	JsonNode securityScheme(String path) {
		String name = this.document.path("paths")
			.path(path)
			.path("post")
			.path("security")
			.get(0)
			.propertyNames()
			.iterator()
			.next();
		return at("/components/securitySchemes/" + name);
	}

	/**
	 * The ways the body breaks the request schema of {@code POST <path>}; empty when it conforms.
	 * @param path the operation's path in the document, for example {@code /track}
	 * @param body the JSON body as sent
	 */
	List<String> violations(String path, String body) {
		JsonNode value = MAPPER.readTree(body);
		List<String> violations = new ArrayList<>();
		if (!hasPost(path)) {
			violations.add("the spec has no operation POST " + path);
			return violations;
		}
		JsonNode schema = this.document.path("paths")
			.path(path)
			.path("post")
			.path("requestBody")
			.path("content")
			.path("application/json")
			.path("schema");
		Outcome outcome = check(schema, value, "$");
		violations.addAll(outcome.violations());
		semanticEventSchema(schema, value)
			.ifPresent((semantic) -> violations.addAll(check(semantic, value, "$ as " + value.path("event"))
				.violations()));
		violations.addAll(undeclared(value, outcome.evaluated(), "$", path));
		if ("/batch".equals(path) && value.path("batch").isArray()) {
			JsonNode itemSchema = resolve(schema).path("properties").path("batch").path("items");
			for (int i = 0; i < value.path("batch").size(); i++) {
				JsonNode item = value.path("batch").get(i);
				String at = "$.batch[" + i + "]";
				violations.addAll(undeclared(item, check(itemSchema, item, at).evaluated(), at, path));
				String itemPath = "/" + item.path("type").asString("");
				if (!itemPath.equals("/batch") && hasPost(itemPath)) {
					violations(itemPath, item.toString()).forEach((violation) -> violations.add(at + " as "
							+ itemPath + ": " + violation));
				}
			}
		}
		return violations;
	}

	/** The branch of the track schema whose {@code event} enum names the call's event, if there is one. */
	private Optional<JsonNode> semanticEventSchema(JsonNode schema, JsonNode value) {
		JsonNode event = value.path("event");
		if (!event.isString()) {
			return Optional.empty();
		}
		for (JsonNode branch : resolve(schema).path("oneOf").values()) {
			JsonNode resolved = resolve(branch);
			if (resolved.path("properties").path("event").path("enum").values().contains(event)) {
				return Optional.of(resolved);
			}
		}
		return Optional.empty();
	}

	private List<String> undeclared(JsonNode value, Set<String> evaluated, String at, String path) {
		List<String> violations = new ArrayList<>();
		if (value.isObject()) {
			for (String name : value.propertyNames()) {
				if (!evaluated.contains(name) && !this.commonFields.contains(name)) {
					violations.add(at + "." + name + " is not a field the spec declares for " + path);
				}
			}
		}
		return violations;
	}

	private Outcome check(JsonNode schema, JsonNode value, String at) {
		List<String> violations = new ArrayList<>();
		Set<String> evaluated = new LinkedHashSet<>();
		if (schema.has("$ref")) {
			Outcome referenced = check(ref(schema.get("$ref").asString()), value, at);
			violations.addAll(referenced.violations());
			evaluated.addAll(referenced.evaluated());
		}
		for (JsonNode part : schema.path("allOf").values()) {
			Outcome outcome = check(part, value, at);
			violations.addAll(outcome.violations());
			evaluated.addAll(outcome.evaluated());
		}
		for (String keyword : List.of("anyOf", "oneOf")) {
			if (schema.has(keyword)) {
				List<Outcome> outcomes = new ArrayList<>();
				schema.get(keyword).values().forEach((branch) -> outcomes.add(check(branch, value, at)));
				List<Outcome> passing = outcomes.stream().filter((outcome) -> outcome.violations().isEmpty()).toList();
				if (passing.isEmpty()) {
					Outcome closest = outcomes.stream()
						.min(Comparator.comparing(Outcome::isOtherCallType)
							.thenComparingInt((outcome) -> outcome.violations().size()))
						.orElseThrow();
					violations.add(at + " matches none of the " + outcomes.size() + " " + keyword
							+ " branches; the closest fails with " + closest.violations());
				}
				passing.forEach((outcome) -> evaluated.addAll(outcome.evaluated()));
			}
		}
		if (schema.has("type") && !hasType(value, schema.get("type").asString())) {
			violations.add(at + " should be of type " + schema.get("type").asString() + " but is " + value);
			return new Outcome(violations, evaluated);
		}
		if ("date-time".equals(schema.path("format").asString("")) && value.isString()) {
			try {
				OffsetDateTime.parse(value.asString());
			}
			catch (DateTimeParseException ex) {
				violations.add(at + " should be an ISO-8601 date-time but is " + value);
			}
		}
		if (schema.has("enum") && !schema.get("enum").values().contains(value)) {
			violations.add(at + " should be one of " + schema.get("enum") + " but is " + value);
		}
		if (value.isObject()) {
			checkObject(schema, value, at, violations, evaluated);
		}
		if (value.isArray() && schema.has("items")) {
			for (int i = 0; i < value.size(); i++) {
				violations.addAll(check(schema.get("items"), value.get(i), at + "[" + i + "]").violations());
			}
		}
		return new Outcome(violations, evaluated);
	}

	private void checkObject(JsonNode schema, JsonNode value, String at, List<String> violations,
			Set<String> evaluated) {
		for (JsonNode required : schema.path("required").values()) {
			if (!value.has(required.asString())) {
				violations.add(at + "." + required.asString() + " is required");
			}
		}
		JsonNode properties = schema.path("properties");
		for (Map.Entry<String, JsonNode> property : value.properties()) {
			String name = property.getKey();
			String path = at + "." + name;
			if (properties.has(name)) {
				violations.addAll(check(properties.get(name), property.getValue(), path).violations());
				evaluated.add(name);
			}
			else if (schema.has("additionalProperties")) {
				JsonNode additional = schema.get("additionalProperties");
				if (additional.isBoolean() && !additional.booleanValue()) {
					violations.add(path + " is not allowed");
				}
				else if (additional.isObject()) {
					violations.addAll(check(additional, property.getValue(), path).violations());
					evaluated.add(name);
				}
			}
		}
	}

	private static boolean hasType(JsonNode value, String type) {
		return switch (type) {
			case "object" -> value.isObject();
			case "array" -> value.isArray();
			case "string" -> value.isString();
			case "boolean" -> value.isBoolean();
			case "integer" -> value.isIntegralNumber();
			case "number" -> value.isNumber();
			case "null" -> value.isNull();
			default -> throw new IllegalStateException("unknown JSON type " + type);
		};
	}

	/** The property names a schema declares through properties, {@code $ref} and {@code allOf}. */
	private Set<String> declaredFields(JsonNode schema) {
		Set<String> names = new LinkedHashSet<>(schema.path("properties").propertyNames());
		if (schema.has("$ref")) {
			names.addAll(declaredFields(ref(schema.get("$ref").asString())));
		}
		schema.path("allOf").values().forEach((part) -> names.addAll(declaredFields(part)));
		return names;
	}

	private JsonNode resolve(JsonNode schema) {
		return schema.has("$ref") ? resolve(ref(schema.get("$ref").asString())) : schema;
	}

	private JsonNode ref(String reference) {
		if (!reference.startsWith("#")) {
			throw new IllegalStateException("only local references are supported: " + reference);
		}
		return at(reference.substring(1));
	}

	private JsonNode at(String pointer) {
		JsonNode node = this.document.at(pointer);
		if (node.isMissingNode()) {
			throw new IllegalStateException("the spec has nothing at " + pointer);
		}
		return node;
	}

	private record Outcome(List<String> violations, Set<String> evaluated) {

		/** A branch for another call type (its {@code type} enum differs) explains a failure least. */
		boolean isOtherCallType() {
			return this.violations.stream().anyMatch((violation) -> violation.contains(".type should be one of"));
		}

	}

}
