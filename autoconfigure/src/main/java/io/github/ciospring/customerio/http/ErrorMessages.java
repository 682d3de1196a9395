package io.github.ciospring.customerio.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Customer.io's error messages from an error response body: {@code meta.error} (a string) and
 * {@code meta.errors} (strings or objects with a {@code message}), falling back to a short excerpt of a body
 * that is not JSON.
 */
final class ErrorMessages {

	private static final int MAX_EXCERPT = 200;

	private final JsonCodec codec;

	ErrorMessages(JsonCodec codec) {
		this.codec = codec;
	}

	List<String> read(byte[] body) {
		if (body == null || body.length == 0) {
			return List.of();
		}
		try {
			Object parsed = this.codec.read(body, Object.class);
			List<String> messages = new ArrayList<>();
			if (parsed instanceof Map<?, ?> root) {
				if (root.get("meta") instanceof Map<?, ?> meta) {
					addMessage(messages, meta.get("error"));
					if (meta.get("errors") instanceof List<?> errors) {
						errors.forEach((error) -> addMessage(messages, error));
					}
				}
				if (root.get("errors") instanceof List<?> errors) {
					errors.forEach((error) -> addMessage(messages, error));
				}
				addMessage(messages, root.get("message"));
			}
			return messages;
		}
		catch (RuntimeException notJson) {
			String text = new String(body, StandardCharsets.UTF_8).strip();
			return text.isEmpty() ? List.of()
					: List.of((text.length() > MAX_EXCERPT) ? text.substring(0, MAX_EXCERPT) + "..." : text);
		}
	}

	private static void addMessage(List<String> messages, Object value) {
		if (value instanceof String text && !text.isBlank()) {
			messages.add(text);
		}
		else if (value instanceof Map<?, ?> error) {
			Object message = (error.get("message") != null) ? error.get("message") : error.get("reason");
			if (message != null) {
				messages.add(String.valueOf(message));
			}
		}
	}

}
