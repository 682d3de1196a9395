package io.github.ciospring.customerio.pipelines;

import java.time.Instant;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;

import org.jspecify.annotations.Nullable;

/**
 * Tells destinations that two ids are the same person ({@code POST /v1/alias}): {@code previousId}, an
 * {@code anonymousId} or an older {@code userId}, becomes {@code userId}. Only some destinations need it. The
 * Pipelines batch endpoint does not take alias calls.
 *
 * @param messageId the message's unique id; generated when {@code null}
 * @param previousId the id merged into the canonical profile
 * @param userId the id kept
 * @param timestamp when it happened; now when {@code null}
 * @param context context about the call
 * @param integrations destinations switched on or off for this call
 */
public record AliasMessage(String messageId, String previousId, String userId, Instant timestamp,
		Map<String, Object> context, Map<String, Boolean> integrations) implements PipelinesMessage {

	public AliasMessage {
		messageId = Messages.messageId(messageId);
		PayloadLimits.requireText("previousId", previousId);
		PayloadLimits.requireText("userId", userId);
		timestamp = Messages.timestamp(timestamp);
		context = JsonPayloads.orderedCopy(context);
		integrations = JsonPayloads.orderedCopy(integrations);
	}

	public static AliasMessage of(String previousId, String userId) {
		return builder(previousId).userId(userId).build();
	}

	public static Builder builder(String previousId) {
		return new Builder(previousId);
	}

	@Override
	public String type() {
		return "alias";
	}

	/** Always {@code null}: an alias names the earlier id as {@code previousId}. */
	@Override
	public @Nullable String anonymousId() {
		return null;
	}

	@Override
	public Map<String, Object> payload() {
		Map<String, Object> payload = Messages.start(this);
		payload.put("previousId", this.previousId);
		return Messages.finish(payload, this);
	}

	/** Builds an {@link AliasMessage}. */
	public static final class Builder extends PipelinesMessage.Builder<AliasMessage, Builder> {

		private final String previousId;

		private Builder(String previousId) {
			this.previousId = previousId;
		}

		@Override
		public AliasMessage build() {
			if (this.anonymousId != null) {
				throw new CustomerIoValidationException("anonymousId", "not part of an alias call",
						"is set; pass the anonymous id as previousId");
			}
			return new AliasMessage(this.messageId, this.previousId, this.userId, this.timestamp, this.context,
					this.integrations);
		}

	}

}
