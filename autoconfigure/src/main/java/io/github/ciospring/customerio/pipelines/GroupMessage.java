package io.github.ciospring.customerio.pipelines;

import java.time.Instant;
import java.util.Map;

import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;

/**
 * Adds a person to a group, which Customer.io Journeys calls an object, and sets the group's traits
 * ({@code POST /v1/group}).
 *
 * @param messageId the message's unique id; generated when {@code null}
 * @param userId the person's id in your systems
 * @param anonymousId the id of someone not yet identified; at least one of the two ids is required
 * @param groupId the group's (object's) id
 * @param traits the group's traits; {@code object_type_id} picks the object type (1 when absent) and
 * {@code relationshipAttributes} describe the person's relationship to the group
 * @param timestamp when it happened; now when {@code null}
 * @param context context about the call
 * @param integrations destinations switched on or off for this call
 */
public record GroupMessage(String messageId, String userId, String anonymousId, String groupId,
		Map<String, Object> traits, Instant timestamp, Map<String, Object> context,
		Map<String, Boolean> integrations) implements PipelinesMessage {

	public GroupMessage {
		messageId = Messages.messageId(messageId);
		PipelinesLimits.requireIdentity(userId, anonymousId);
		PayloadLimits.requireText("groupId", groupId);
		traits = JsonPayloads.orderedCopy(traits);
		timestamp = Messages.timestamp(timestamp);
		context = JsonPayloads.orderedCopy(context);
		integrations = JsonPayloads.orderedCopy(integrations);
	}

	public static Builder builder(String groupId) {
		return new Builder(groupId);
	}

	@Override
	public String type() {
		return "group";
	}

	@Override
	public Map<String, Object> payload() {
		Map<String, Object> payload = Messages.start(this);
		payload.put("groupId", this.groupId);
		JsonPayloads.putIfNotEmpty(payload, "traits", this.traits);
		return Messages.finish(payload, this);
	}

	/** Builds a {@link GroupMessage}. */
	public static final class Builder extends TraitsBuilder<GroupMessage, Builder> {

		private final String groupId;

		private Builder(String groupId) {
			this.groupId = groupId;
		}

		/** The Customer.io object type, a stringified integer such as {@code "1"}. */
		public Builder objectTypeId(String objectTypeId) {
			return trait("object_type_id", PayloadLimits.requireText("traits.object_type_id", objectTypeId));
		}

		/** Attributes of the relationship between the person and the group, such as a role. */
		public Builder relationshipAttributes(Map<String, ?> attributes) {
			return trait("relationshipAttributes", JsonPayloads.orderedCopy(attributes));
		}

		@Override
		public GroupMessage build() {
			return new GroupMessage(this.messageId, this.userId, this.anonymousId, this.groupId, this.traits,
					this.timestamp, this.context, this.integrations);
		}

	}

}
