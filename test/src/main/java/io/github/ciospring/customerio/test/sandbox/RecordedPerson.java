package io.github.ciospring.customerio.test.sandbox;

import java.util.Map;

/**
 * A person the sandbox's default workspace knows, identified through Track (v1 or v2) or Data Pipelines, with
 * the attributes of every identify merged.
 *
 * @param id the person's id, {@code null} when identified by email only
 * @param email the person's email, if known
 * @param cioId the sandbox's own id for the person
 * @param attributes the person's attributes
 */
public record RecordedPerson(String id, String email, String cioId, Map<String, Object> attributes) {

	public RecordedPerson {
		attributes = Recordings.copy(attributes);
	}

	/** One attribute's value, {@code null} when the person has none of that name. */
	public Object attribute(String name) {
		return this.attributes.get(name);
	}

}
