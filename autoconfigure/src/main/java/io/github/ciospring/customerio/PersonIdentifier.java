package io.github.ciospring.customerio;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One way to address a person: by id, email, phone or {@code cio_id}, at most
 * {@value PayloadLimits#MAX_IDENTIFIER_BYTES} bytes. Serialized as {@code {"id": "42"}}, {@code {"email": "..."}}
 * and so on. Track v2 operations take every kind; App transactional messages and Track object relationships take
 * {@code id}, {@code email} and {@code cio_id} only, and refuse a phone number when built. {@code email} and
 * {@code phone} work only when the workspace uses them as identifiers; phone numbers are in E.164 format.
 *
 * @param kind the identifier kind: {@code id}, {@code email}, {@code phone} or {@code cio_id}
 * @param value the identifier
 */
public record PersonIdentifier(String kind, String value) implements EntityIdentifier {

	public PersonIdentifier {
		if (!("id".equals(kind) || "email".equals(kind) || "phone".equals(kind) || "cio_id".equals(kind))) {
			throw new CustomerIoValidationException("identifier kind", "id, email, phone or cio_id",
					"is '" + kind + "'");
		}
		value = PayloadLimits.requireIdentifier("identifiers." + kind, value);
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

	/** Whether it is a phone number, which some endpoints do not take. */
	public boolean isPhone() {
		return "phone".equals(this.kind);
	}

	@JsonValue
	Map<String, String> json() {
		return Map.of(this.kind, this.value);
	}

}
