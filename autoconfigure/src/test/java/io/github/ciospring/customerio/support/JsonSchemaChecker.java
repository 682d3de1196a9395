package io.github.ciospring.customerio.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON value against a JSON Schema (2020-12, as OpenAPI 3.1 uses it), for the keywords Customer.io's
 * specs use: {@code $ref} (local pointers), {@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}, {@code type}
 * (one or several), {@code enum}, {@code const}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code min/maxItems}, {@code min/maxLength},
 * {@code min/maxProperties}, {@code minimum}, {@code maximum}. Annotations ({@code description}, {@code format},
 * {@code example}, {@code discriminator}, ...) are ignored.
 * <p>
 * {@code oneOf} is checked as "at least one alternative matches": Customer.io's specs use it to document
 * alternative shapes that overlap (for example the metrics body has one alternative per channel, and
 * {@code "metric": "opened"} is valid in several), so the strict "exactly one" of JSON Schema would reject every
 * such body.
 */
public final class JsonSchemaChecker {

	private final JsonNode document;

	/**
	 * @param document the document that {@code $ref} pointers ({@code #/components/...}) resolve against
	 */
	public JsonSchemaChecker(JsonNode document) {
		this.document = document;
	}

	/**
	 * @param schema the schema
	 * @param value the value to check
	 * @return the violations, each prefixed by the JSON path of the offending value; empty when the value is valid
	 */
	public List<String> check(JsonNode schema, JsonNode value) {
		List<String> violations = new ArrayList<>();
		check(schema, value, "$", violations);
		return violations;
	}

	private void check(JsonNode schema, JsonNode value, String path, List<String> out) {
		if (schema == null || schema.isMissingNode() || (schema.isBoolean() && schema.asBoolean())) {
			return;
		}
		if (schema.isBoolean()) {
			out.add(path + ": no value allowed here");
			return;
		}
		if (schema.has("$ref")) {
			check(resolve(schema.get("$ref").asString()), value, path, out);
		}
		for (JsonNode part : schema.path("allOf").values()) {
			check(part, value, path, out);
		}
		checkAlternatives("anyOf", schema.path("anyOf"), value, path, out);
		checkAlternatives("oneOf", schema.path("oneOf"), value, path, out);
		if (schema.has("not") && check(schema.get("not"), value).isEmpty()) {
			out.add(path + ": must not match " + schema.get("not"));
		}
		if (schema.has("type") && !hasType(schema.get("type"), value)) {
			out.add(path + ": expected type " + schema.get("type") + " but was " + describe(value));
			return;
		}
		if (schema.has("enum") && !contains(schema.get("enum"), value)) {
			out.add(path + ": " + value + " is not one of " + schema.get("enum"));
		}
		if (schema.has("const") && !sameValue(schema.get("const"), value)) {
			out.add(path + ": must be " + schema.get("const") + " but was " + value);
		}
		if (value.isObject()) {
			checkObject(schema, value, path, out);
		}
		else if (value.isArray()) {
			checkArray(schema, value, path, out);
		}
		else if (value.isString()) {
			int length = value.asString().codePointCount(0, value.asString().length());
			if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
				out.add(path + ": shorter than " + schema.get("minLength") + " characters");
			}
			if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
				out.add(path + ": longer than " + schema.get("maxLength") + " characters");
			}
		}
		else if (value.isNumber()) {
			BigDecimal number = value.asDecimal();
			if (schema.has("minimum") && number.compareTo(schema.get("minimum").asDecimal()) < 0) {
				out.add(path + ": " + number + " is below the minimum " + schema.get("minimum"));
			}
			if (schema.has("maximum") && number.compareTo(schema.get("maximum").asDecimal()) > 0) {
				out.add(path + ": " + number + " is above the maximum " + schema.get("maximum"));
			}
		}
	}

	private void checkObject(JsonNode schema, JsonNode value, String path, List<String> out) {
		for (JsonNode required : schema.path("required").values()) {
			if (!value.has(required.asString())) {
				out.add(path + ": required property '" + required.asString() + "' is missing");
			}
		}
		JsonNode properties = schema.path("properties");
		JsonNode additional = schema.get("additionalProperties");
		for (String name : value.propertyNames()) {
			String childPath = path + "." + name;
			if (properties.has(name)) {
				check(properties.get(name), value.get(name), childPath, out);
			}
			else if (additional != null) {
				if (additional.isBoolean() && !additional.asBoolean()) {
					out.add(childPath + ": property not allowed");
				}
				else {
					check(additional, value.get(name), childPath, out);
				}
			}
		}
		if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
			out.add(path + ": fewer than " + schema.get("minProperties") + " properties");
		}
		if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
			out.add(path + ": more than " + schema.get("maxProperties") + " properties");
		}
	}

	private void checkArray(JsonNode schema, JsonNode value, String path, List<String> out) {
		if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
			out.add(path + ": fewer than " + schema.get("minItems") + " items");
		}
		if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
			out.add(path + ": more than " + schema.get("maxItems") + " items");
		}
		if (schema.has("items")) {
			for (int i = 0; i < value.size(); i++) {
				check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
			}
		}
	}

	private void checkAlternatives(String keyword, JsonNode alternatives, JsonNode value, String path,
			List<String> out) {
		if (alternatives.isMissingNode() || alternatives.isEmpty()) {
			return;
		}
		List<List<String>> failures = new ArrayList<>();
		for (JsonNode alternative : alternatives.values()) {
			List<String> violations = check(alternative, value);
			if (violations.isEmpty()) {
				return;
			}
			failures.add(violations);
		}
		List<String> closest = failures.stream().min(Comparator.comparingInt(List::size)).orElseThrow();
		out.add(path + ": matches none of the " + failures.size() + " " + keyword + " alternatives; the closest fails: "
				+ closest.stream().map((violation) -> path + violation.substring(1)).toList());
	}

	private JsonNode resolve(String ref) {
		if (!ref.startsWith("#")) {
			throw new IllegalArgumentException("only local $ref pointers are supported: " + ref);
		}
		JsonNode target = this.document.at(ref.substring(1));
		if (target.isMissingNode()) {
			throw new IllegalArgumentException("unresolvable $ref " + ref);
		}
		return target;
	}

	private static boolean hasType(JsonNode type, JsonNode value) {
		if (type.isArray()) {
			for (JsonNode one : type.values()) {
				if (hasType(one.asString(), value)) {
					return true;
				}
			}
			return false;
		}
		return hasType(type.asString(), value);
	}

	private static boolean hasType(String type, JsonNode value) {
		return switch (type) {
			case "object" -> value.isObject();
			case "array" -> value.isArray();
			case "string" -> value.isString();
			case "boolean" -> value.isBoolean();
			case "null" -> value.isNull();
			case "number" -> value.isNumber();
			case "integer" -> value.isIntegralNumber()
					|| (value.isNumber() && value.asDecimal().stripTrailingZeros().scale() <= 0);
			default -> throw new IllegalArgumentException("unknown JSON Schema type " + type);
		};
	}

	private static boolean contains(JsonNode values, JsonNode value) {
		for (JsonNode candidate : values.values()) {
			if (sameValue(candidate, value)) {
				return true;
			}
		}
		return false;
	}

	private static boolean sameValue(JsonNode expected, JsonNode value) {
		if (expected.isNumber() && value.isNumber()) {
			return expected.asDecimal().compareTo(value.asDecimal()) == 0;
		}
		return expected.equals(value);
	}

	private static String describe(JsonNode value) {
		return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
	}

}
