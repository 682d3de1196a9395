package io.github.ciospring.customerio.track;

import java.time.Instant;
import java.util.Map;

/**
 * Creates or updates a person ({@code PUT /api/v1/customers/{identifier}}). Identify is idempotent: sending it
 * twice leaves the same person.
 *
 * @param identifier the person's id, email, or {@code cio_<id>}
 * @param attributes the person's attributes, {@code email} and {@code created_at} included
 */
public record Identify(String identifier, Map<String, Object> attributes) {

	public Identify {
		identifier = TrackLimits.identifier("identifier", identifier);
		attributes = TrackLimits.attributes("attributes", attributes);
	}

	public static Builder person(String identifier) {
		return new Builder(identifier);
	}

	/** Builds an {@link Identify}. */
	public static final class Builder extends AttributesBuilder<Builder> {

		private final String identifier;

		private Builder(String identifier) {
			this.identifier = identifier;
		}

		public Builder email(String email) {
			return attribute("email", email);
		}

		public Builder createdAt(Instant createdAt) {
			return attribute("created_at", createdAt.getEpochSecond());
		}

		public Identify build() {
			return new Identify(this.identifier, attributeMap());
		}

	}

}
