package io.github.ciospring.sample.web;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.PersonIdentifier;

/**
 * Picks how a request addresses a person: its {@code id}, else its {@code email}.
 */
final class Person {

	private Person() {
	}

	/** The id, else the email, as a Track v1 path identifier. */
	static String identifier(String id, String email) {
		if (hasText(id)) {
			return id;
		}
		if (hasText(email)) {
			return email;
		}
		throw new CustomerIoValidationException("id", "id or email required", "is missing, and so is email");
	}

	/** The id, else the email, as a Track v2 identifier. */
	static PersonIdentifier of(String id, String email) {
		return hasText(id) ? PersonIdentifier.id(id) : PersonIdentifier.email(identifier(id, email));
	}

	static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
