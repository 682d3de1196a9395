package io.github.ciospring.customerio.pipelines;

import java.time.Instant;
import java.util.Map;

import io.github.ciospring.customerio.JsonPayloads;

/**
 * Creates or updates a person and sets their traits ({@code POST /v1/identify}).
 *
 * @param messageId the message's unique id; generated when {@code null}
 * @param userId the person's id in your systems
 * @param anonymousId the id they had before they were known; at least one of the two ids is required
 * @param traits what you know about the person ({@code email}, {@code createdAt}, any other trait)
 * @param timestamp when it happened; now when {@code null}
 * @param context context about the call
 * @param integrations destinations switched on or off for this call
 */
public record IdentifyMessage(String messageId, String userId, String anonymousId, Map<String, Object> traits,
		Instant timestamp, Map<String, Object> context, Map<String, Boolean> integrations) implements PipelinesMessage {

	public IdentifyMessage {
		messageId = Messages.messageId(messageId);
		PipelinesLimits.requireIdentity(userId, anonymousId);
		traits = JsonPayloads.orderedCopy(traits);
		timestamp = Messages.timestamp(timestamp);
		context = JsonPayloads.orderedCopy(context);
		integrations = JsonPayloads.orderedCopy(integrations);
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public String type() {
		return "identify";
	}

	@Override
	public Map<String, Object> payload() {
		Map<String, Object> payload = Messages.start(this);
		JsonPayloads.putIfNotEmpty(payload, "traits", this.traits);
		return Messages.finish(payload, this);
	}

	/** Builds an {@link IdentifyMessage}. */
	public static final class Builder extends TraitsBuilder<IdentifyMessage, Builder> {

		private Builder() {
		}

		public Builder email(String email) {
			return trait("email", email);
		}

		/** When the person signed up, sent as an ISO-8601 string as Customer.io recommends. */
		public Builder createdAt(Instant createdAt) {
			return trait("createdAt", PipelinesLimits.iso(PipelinesLimits.toMillis(createdAt)));
		}

		@Override
		public IdentifyMessage build() {
			return new IdentifyMessage(this.messageId, this.userId, this.anonymousId, this.traits, this.timestamp,
					this.context, this.integrations);
		}

	}

}
