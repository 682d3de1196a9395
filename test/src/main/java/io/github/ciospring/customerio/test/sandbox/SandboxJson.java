package io.github.ciospring.customerio.test.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies and writes answers. Thread-safe.
 */
final class SandboxJson {

	private final JsonMapper mapper = JsonMapper.builder().build();

	/** The body as a JSON tree, or {@code null} when it is empty or not JSON. */
	JsonNode read(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	byte[] write(Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	/** The size of a node's compact JSON form in bytes. */
	int size(JsonNode node) {
		return write(node).length;
	}

	/** A text node's text, other values' compact JSON. */
	String text(JsonNode node) {
		return node.isString() ? node.stringValue() : new String(write(node), StandardCharsets.UTF_8);
	}

	Object toPlain(JsonNode node) {
		return this.mapper.convertValue(node, Object.class);
	}

	/** An object node as a plain map. */
	@SuppressWarnings("unchecked")
	Map<String, Object> plainObject(JsonNode node) {
		return (Map<String, Object>) toPlain(node);
	}

	/** An object node as a plain map; empty for anything else. */
	Map<String, Object> plainObjectOrEmpty(JsonNode node) {
		return (node != null && node.isObject()) ? plainObject(node) : Map.of();
	}

}
