package io.github.ciospring.customerio.app;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.PayloadLimits;

/**
 * The person a transactional message is about, by exactly one of {@code id}, {@code email} or {@code cio_id}.
 * Serialized as {@code {"id": "42"}}, {@code {"email": "..."}} or {@code {"cio_id": "..."}}.
 *
 * @param kind {@code id}, {@code email} or {@code cio_id}
 * @param value the identifier
 */
public record Identifiers(String kind, String value) {

	public Identifiers {
		if (!("id".equals(kind) || "email".equals(kind) || "cio_id".equals(kind))) {
			throw new CustomerIoValidationException("identifiers", "one of id, email or cio_id", "is '" + kind + "'");
		}
		PayloadLimits.requireText("identifiers." + kind, value);
	}

	public static Identifiers id(String id) {
		return new Identifiers("id", id);
	}

	public static Identifiers email(String email) {
		return new Identifiers("email", email);
	}

	public static Identifiers cioId(String cioId) {
		return new Identifiers("cio_id", cioId);
	}

	@JsonValue
	Map<String, String> json() {
		return Map.of(this.kind, this.value);
	}

}
