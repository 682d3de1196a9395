package io.github.ciospring.customerio;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A person not yet identified, by the anonymous id your app gave them: the other side of an object's
 * {@code identify_anonymous} relationships. Serialized as {@code {"anonymous_id": "..."}}.
 *
 * @param anonymousId the anonymous id, at most {@value PayloadLimits#MAX_IDENTIFIER_BYTES} bytes
 */
public record AnonymousIdentifier(String anonymousId) implements EntityIdentifier {

	public AnonymousIdentifier {
		PayloadLimits.requireIdentifier("identifiers.anonymous_id", anonymousId);
	}

	@JsonValue
	Map<String, String> json() {
		return Map.of("anonymous_id", this.anonymousId);
	}

}
