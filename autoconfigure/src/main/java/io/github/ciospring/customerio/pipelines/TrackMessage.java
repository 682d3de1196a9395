package io.github.ciospring.customerio.pipelines;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.Platform;

/**
 * Records something a person did ({@code POST /v1/track}). Some event names are Customer.io semantic events that
 * act on the person instead: {@link #deviceCreatedOrUpdated}, {@link #deviceDeleted}, {@link #userDeleted},
 * {@link #userSuppressed} and {@link #userUnsuppressed} build them in the shape Customer.io documents.
 *
 * @param messageId the message's unique id; generated when {@code null}
 * @param userId the person's id in your systems (required by the semantic events)
 * @param anonymousId the id of someone not yet identified; at least one of the two ids is required
 * @param event the event name
 * @param properties the event's properties (for device events, the device's attributes)
 * @param timestamp when it happened; now when {@code null}
 * @param context context about the call (for device events, {@code device.token} and {@code device.type})
 * @param integrations destinations switched on or off for this call
 */
public record TrackMessage(String messageId, String userId, String anonymousId, String event,
		Map<String, Object> properties, Instant timestamp, Map<String, Object> context,
		Map<String, Boolean> integrations) implements PipelinesMessage {

	/** Adds or updates a device ({@code context.device.token}) of the person. */
	public static final String DEVICE_CREATED_OR_UPDATED = "Device Created or Updated";

	/** Removes a device ({@code context.device.token}) from the person. */
	public static final String DEVICE_DELETED = "Device Deleted";

	/** Deletes the person. */
	public static final String USER_DELETED = "User Deleted";

	/** Deletes the person and keeps them from being added again. */
	public static final String USER_SUPPRESSED = "User Suppressed";

	/** Lets a suppressed person be added again. */
	public static final String USER_UNSUPPRESSED = "User Unsuppressed";

	private static final Set<String> PERSON_EVENTS = Set.of(DEVICE_CREATED_OR_UPDATED, DEVICE_DELETED, USER_DELETED,
			USER_SUPPRESSED, USER_UNSUPPRESSED);

	private static final Set<String> DEVICE_EVENTS = Set.of(DEVICE_CREATED_OR_UPDATED, DEVICE_DELETED);

	public TrackMessage {
		messageId = Messages.messageId(messageId);
		PipelinesLimits.requireIdentity(userId, anonymousId);
		PayloadLimits.requireText("event", event);
		properties = JsonPayloads.orderedCopy(properties);
		timestamp = Messages.timestamp(timestamp);
		context = JsonPayloads.orderedCopy(context);
		integrations = JsonPayloads.orderedCopy(integrations);
		if (PERSON_EVENTS.contains(event)) {
			PayloadLimits.requireText("userId", userId);
		}
		if (DEVICE_EVENTS.contains(event)) {
			Object token = (context.get("device") instanceof Map<?, ?> device) ? device.get("token") : null;
			if (!(token instanceof String text) || text.isBlank()) {
				throw new CustomerIoValidationException("context.device.token", "required for " + event,
						"must be a non-blank string");
			}
		}
	}

	/** A custom event; set the person and properties on the builder. */
	public static Builder builder(String event) {
		return new Builder(event);
	}

	/**
	 * The {@value #DEVICE_CREATED_OR_UPDATED} semantic event.
	 * @param userId the device's owner
	 * @param token the push token
	 * @param type the platform, or {@code null} when unknown
	 * @param attributes device attributes such as {@code app_version}, sent as the event's properties
	 */
	public static TrackMessage deviceCreatedOrUpdated(String userId, String token, Platform type,
			Map<String, ?> attributes) {
		return builder(DEVICE_CREATED_OR_UPDATED).userId(userId).device(token, type).properties(attributes).build();
	}

	/** The {@value #DEVICE_DELETED} semantic event; {@code type} may be {@code null}. */
	public static TrackMessage deviceDeleted(String userId, String token, Platform type) {
		return builder(DEVICE_DELETED).userId(userId).device(token, type).build();
	}

	/** The {@value #USER_DELETED} semantic event. */
	public static TrackMessage userDeleted(String userId) {
		return builder(USER_DELETED).userId(userId).build();
	}

	/** The {@value #USER_SUPPRESSED} semantic event. */
	public static TrackMessage userSuppressed(String userId) {
		return builder(USER_SUPPRESSED).userId(userId).build();
	}

	/** The {@value #USER_UNSUPPRESSED} semantic event. */
	public static TrackMessage userUnsuppressed(String userId) {
		return builder(USER_UNSUPPRESSED).userId(userId).build();
	}

	@Override
	public String type() {
		return "track";
	}

	@Override
	public Map<String, Object> payload() {
		Map<String, Object> payload = Messages.start(this);
		payload.put("event", this.event);
		JsonPayloads.putIfNotEmpty(payload, "properties", this.properties);
		return Messages.finish(payload, this);
	}

	/** Builds a {@link TrackMessage}. */
	public static final class Builder extends PropertiesBuilder<TrackMessage, Builder> {

		private final String event;

		private Builder(String event) {
			this.event = event;
		}

		/** Puts the device in {@code context.device}, keeping any other device fields already there. */
		public Builder device(String token, Platform type) {
			Map<String, Object> device = new LinkedHashMap<>();
			if (this.context.get("device") instanceof Map<?, ?> existing) {
				existing.forEach((name, value) -> device.put(String.valueOf(name), value));
			}
			device.put("token", PayloadLimits.requireText("context.device.token", token));
			JsonPayloads.putIfPresent(device, "type", (type != null) ? type.value() : null);
			return context("device", device);
		}

		@Override
		public TrackMessage build() {
			return new TrackMessage(this.messageId, this.userId, this.anonymousId, this.event, this.properties,
					this.timestamp, this.context, this.integrations);
		}

	}

}
