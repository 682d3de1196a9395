package io.github.ciospring.customerio.pipelines;

import java.time.Instant;
import java.util.Map;

import io.github.ciospring.customerio.JsonPayloads;

/**
 * Records a mobile screen view ({@code POST /v1/screen}).
 *
 * @param messageId the message's unique id; generated when {@code null}
 * @param userId the person's id in your systems
 * @param anonymousId the id of someone not yet identified; at least one of the two ids is required
 * @param name the screen's name, or {@code null}
 * @param properties the screen's properties
 * @param timestamp when it happened; now when {@code null}
 * @param context context about the call
 * @param integrations destinations switched on or off for this call
 */
public record ScreenMessage(String messageId, String userId, String anonymousId, String name,
		Map<String, Object> properties, Instant timestamp, Map<String, Object> context,
		Map<String, Boolean> integrations) implements PipelinesMessage {

	public ScreenMessage {
		messageId = Messages.messageId(messageId);
		PipelinesLimits.requireIdentity(userId, anonymousId);
		PipelinesLimits.requireNotBlankIfSet("name", name);
		properties = JsonPayloads.orderedCopy(properties);
		timestamp = Messages.timestamp(timestamp);
		context = JsonPayloads.orderedCopy(context);
		integrations = JsonPayloads.orderedCopy(integrations);
	}

	/** A view of the named screen; {@code name} may be {@code null}. */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	@Override
	public String type() {
		return "screen";
	}

	@Override
	public Map<String, Object> payload() {
		Map<String, Object> payload = Messages.start(this);
		JsonPayloads.putIfPresent(payload, "name", this.name);
		JsonPayloads.putIfNotEmpty(payload, "properties", this.properties);
		return Messages.finish(payload, this);
	}

	/** Builds a {@link ScreenMessage}. */
	public static final class Builder extends PropertiesBuilder<ScreenMessage, Builder> {

		private final String name;

		private Builder(String name) {
			this.name = name;
		}

		@Override
		public ScreenMessage build() {
			return new ScreenMessage(this.messageId, this.userId, this.anonymousId, this.name, this.properties,
					this.timestamp, this.context, this.integrations);
		}

	}

}
