package io.github.ciospring.customerio.app;

import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.track.Device;

/**
 * A transactional push notification ({@code POST /v1/send/push}) from a template, whose title, message, image,
 * link and payload may be overridden. Identifiers and the template are required.
 *
 * <pre>{@code
 * TransactionalPush push = TransactionalPush.template("login_alert")
 *     .identifiers(PersonIdentifier.id("42"))
 *     .toLastUsedDevice()
 *     .title("New sign-in")
 *     .build();
 * }</pre>
 */
public final class TransactionalPush extends TransactionalMessage {

	private final String to;

	private final String title;

	private final String message;

	private final String imageUrl;

	private final String link;

	private final String sound;

	private final Map<String, Object> customData;

	private final Device customDevice;

	private final Map<String, Object> customPayload;

	private TransactionalPush(Builder builder) {
		super(builder);
		requireTemplate(transactionalMessageId());
		this.to = builder.to;
		this.title = builder.title;
		this.message = builder.message;
		this.imageUrl = builder.imageUrl;
		this.link = builder.link;
		this.sound = builder.sound;
		this.customData = AppLimits.messageData("custom_data", builder.customData);
		this.customDevice = builder.customDevice;
		this.customPayload = AppLimits.messageData("custom_payload", builder.customPayload);
	}

	/** A push from the template with this numeric id. */
	public static Builder template(long transactionalMessageId) {
		return new Builder(templateId(transactionalMessageId));
	}

	/** A push from the template with this trigger name (case insensitive). */
	public static Builder template(String triggerName) {
		return new Builder(templateId(triggerName));
	}

	@Override
	void putChannelFields(Map<String, Object> json, boolean withAttachments) {
		JsonPayloads.putIfPresent(json, "to", this.to);
		JsonPayloads.putIfPresent(json, "title", this.title);
		JsonPayloads.putIfPresent(json, "message", this.message);
		JsonPayloads.putIfPresent(json, "image_url", this.imageUrl);
		JsonPayloads.putIfPresent(json, "link", this.link);
		JsonPayloads.putIfPresent(json, "sound", this.sound);
		JsonPayloads.putIfNotEmpty(json, "custom_data", this.customData);
		JsonPayloads.putIfPresent(json, "custom_device",
				(this.customDevice != null) ? this.customDevice.json("token") : null);
		JsonPayloads.putIfNotEmpty(json, "custom_payload", this.customPayload);
	}

	/** Builds a {@link TransactionalPush}. */
	public static final class Builder extends TransactionalMessage.Builder<Builder> {

		private String to;

		private String title;

		private String message;

		private String imageUrl;

		private String link;

		private String sound;

		private Map<String, Object> customData = Map.of();

		private Device customDevice;

		private Map<String, Object> customPayload = Map.of();

		private Builder(Object transactionalMessageId) {
			super(transactionalMessageId);
		}

		/** Sends to all of the person's devices (Customer.io's default). */
		public Builder toAllDevices() {
			this.to = "all";
			return this;
		}

		/** Sends to the person's most recently used device. */
		public Builder toLastUsedDevice() {
			this.to = "last_used";
			return this;
		}

		/** Sends to one of the person's devices, by its token. */
		public Builder toDevice(String deviceToken) {
			this.to = PayloadLimits.requireText("to", deviceToken);
			return this;
		}

		public Builder title(String title) {
			this.title = title;
			return this;
		}

		/** The notification body. */
		public Builder message(String message) {
			this.message = message;
			return this;
		}

		public Builder imageUrl(String imageUrl) {
			this.imageUrl = imageUrl;
			return this;
		}

		/** A deep link opened when the notification is tapped. */
		public Builder link(String link) {
			this.link = link;
			return this;
		}

		/** iOS only: {@code default} plays the device's notification sound, {@code none} plays none. */
		public Builder sound(String sound) {
			if (!"default".equals(sound) && !"none".equals(sound)) {
				throw new CustomerIoValidationException("sound", "default or none", "is '" + sound + "'");
			}
			this.sound = sound;
			return this;
		}

		/** Key-value pairs added to the push payload (Firebase supports only string values). */
		public Builder customData(Map<String, ?> customData) {
			this.customData = JsonPayloads.orderedCopy(customData);
			return this;
		}

		/** A device added to or updated on the person when the message is sent. */
		public Builder customDevice(Device device) {
			this.customDevice = device;
			return this;
		}

		/** The full push payload ({@code ios}, {@code android}), overriding every other payload value. */
		public Builder customPayload(Map<String, ?> customPayload) {
			this.customPayload = JsonPayloads.orderedCopy(customPayload);
			return this;
		}

		public TransactionalPush build() {
			return new TransactionalPush(this);
		}

	}

}
