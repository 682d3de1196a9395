package io.github.ciospring.customerio.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer.io's OpenAPI document for the Track API (a copy of {@code shared/customerio-openapi/journeys-track.json}
 * in the test resources), used to check that what the client sends is what the spec describes.
 */
public final class OpenApiSpec {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final JsonNode document;

	private final JsonSchemaChecker checker;

	private OpenApiSpec(JsonNode document) {
		this.document = document;
		this.checker = new JsonSchemaChecker(document);
	}

	/** The Track (and App) API spec. */
	public static OpenApiSpec track() {
		try (InputStream in = OpenApiSpec.class.getResourceAsStream("/customerio-openapi/journeys-track.json")) {
			return new OpenApiSpec(MAPPER.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The operation at that method and path template, for example {@code PUT /api/v1/customers/{identifier}}.
	 * @throws AssertionError when the spec has no such operation
	 */
	public JsonNode operation(String method, String pathTemplate) {
		JsonNode operation = this.document.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
		if (operation.isMissingNode()) {
			throw new AssertionError("the spec has no operation " + method + " " + pathTemplate);
		}
		return operation;
	}

	/** Whether the operation takes a request body. */
	public boolean hasRequestBody(String method, String pathTemplate) {
		return operation(method, pathTemplate).has("requestBody");
	}

	/** The JSON schema of the operation's request body. */
	public JsonNode requestBodySchema(String method, String pathTemplate) {
		JsonNode schema = operation(method, pathTemplate).path("requestBody")
			.path("content")
			.path("application/json")
			.path("schema");
		if (schema.isMissingNode()) {
			throw new AssertionError("the spec has no JSON request body for " + method + " " + pathTemplate);
		}
		return schema;
	}

	/** The node at a JSON pointer into the document, for example {@code /components/parameters/id_type_segment}. */
	public JsonNode at(String pointer) {
		JsonNode node = this.document.at(pointer);
		if (node.isMissingNode()) {
			throw new AssertionError("the spec has nothing at " + pointer);
		}
		return node;
	}

	/** The violations of the body against the operation's request body schema; empty when it conforms. */
	public List<String> requestBodyViolations(String method, String pathTemplate, String body) {
		return violations(requestBodySchema(method, pathTemplate), body);
	}

	/** The violations of a JSON text against a schema. */
	public List<String> violations(JsonNode schema, String json) {
		return this.checker.check(schema, MAPPER.readTree(json));
	}

	/** The violations of a JSON value against a schema. */
	public List<String> violations(JsonNode schema, JsonNode value) {
		return this.checker.check(schema, value);
	}

	/** Parses JSON bytes, as captured from a request. */
	public static JsonNode parse(byte[] json) {
		return MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
	}

}
