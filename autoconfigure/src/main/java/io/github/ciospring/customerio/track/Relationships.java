package io.github.ciospring.customerio.track;

import java.util.List;

import io.github.ciospring.customerio.AnonymousIdentifier;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.EntityIdentifier;
import io.github.ciospring.customerio.ObjectIdentifier;
import io.github.ciospring.customerio.PersonIdentifier;

/**
 * Checks a v2 operation's {@code cio_relationships} against its type and action, naming the offending item.
 */
final class Relationships {

	private Relationships() {
	}

	static List<Relationship> check(String type, String action, List<Relationship> relationships) {
		boolean changesRelationships = "add_relationships".equals(action) || "delete_relationships".equals(action);
		if (relationships == null || relationships.isEmpty()) {
			if (changesRelationships) {
				throw new CustomerIoValidationException("cio_relationships", "at least 1 item",
						"must not be empty for " + action);
			}
			return List.of();
		}
		if (!changesRelationships && !action.startsWith("identify")) {
			throw new CustomerIoValidationException("cio_relationships",
					"only with identify, identify_anonymous, add_relationships or delete_relationships",
					"must be empty for " + action);
		}
		for (int i = 0; i < relationships.size(); i++) {
			Relationship relationship = relationships.get(i);
			String field = "cio_relationships[" + i + "]";
			if (relationship == null) {
				throw new CustomerIoValidationException(field, "required", "must not be null");
			}
			checkOtherSide(field + ".identifiers", type, action, relationship.identifiers());
		}
		return List.copyOf(relationships);
	}

	/** What kind of identifier it is, without its value (which may be personal data). */
	static String kindOf(EntityIdentifier identifier) {
		if (identifier instanceof PersonIdentifier person) {
			return "a person's " + person.kind();
		}
		if (identifier instanceof ObjectIdentifier) {
			return "an object";
		}
		return (identifier instanceof AnonymousIdentifier) ? "an anonymous_id" : "null";
	}

	private static void checkOtherSide(String field, String type, String action, EntityIdentifier other) {
		if ("person".equals(type)) {
			if (!(other instanceof ObjectIdentifier)) {
				throw new CustomerIoValidationException(field, "an object for a person's relationships",
						"is " + kindOf(other));
			}
		}
		else if ("identify_anonymous".equals(action)) {
			if (!(other instanceof AnonymousIdentifier)) {
				throw new CustomerIoValidationException(field, "an anonymous_id for identify_anonymous",
						"is " + kindOf(other));
			}
		}
		else if (!(other instanceof PersonIdentifier person) || person.isPhone()) {
			throw new CustomerIoValidationException(field, "a person's id, email or cio_id for an object's "
					+ "relationships", "is " + kindOf(other));
		}
	}

}
