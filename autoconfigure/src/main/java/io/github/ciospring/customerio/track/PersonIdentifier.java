package io.github.ciospring.customerio.track;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ciospring.customerio.CustomerIoValidationException;

/**
 * One way to address a person: by id, email, phone or {@code cio_id}. Serialized as
 * {@code {"id": "42"}}, {@code {"email": "..."}} and so on.
 *
 * @param kind the identifier kind: {@code id}, {@code email}, {@code phone} or {@code cio_id}
 * @param value the identifier
 */
public record PersonIdentifier(String kind, String value) implements EntityIdentifier {

	public PersonIdentifier {
		if (!("id".equals(kind) || "email".equals(kind) || "phone".equals(kind) || "cio_id".equals(kind))) {
			throw new CustomerIoValidationException("identifier kind",
					"id, email, phone or cio_id", "is '" + kind + "'");
		}
		value = TrackLimits.identifier("identifiers." + kind, value);
	}

	public static PersonIdentifier id(String id) {
		return new PersonIdentifier("id", id);
	}

	public static PersonIdentifier email(String email) {
		return new PersonIdentifier("email", email);
	}

	public static PersonIdentifier phone(String phone) {
		return new PersonIdentifier("phone", phone);
	}

	public static PersonIdentifier cioId(String cioId) {
		return new PersonIdentifier("cio_id", cioId);
	}

	@JsonValue
	Map<String, String> json() {
		return Map.of(this.kind, this.value);
	}

}
