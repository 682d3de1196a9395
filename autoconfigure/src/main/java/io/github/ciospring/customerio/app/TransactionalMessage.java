package io.github.ciospring.customerio.app;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.PersonIdentifier;

/**
 * What every transactional message has: the template ({@code transactional_message_id}, a numeric id or a trigger
 * name), the person it is about ({@code identifiers}), the Liquid {@code message_data}, and the sending options.
 * Built by each channel's builder and checked when built.
 */
public abstract sealed class TransactionalMessage permits TransactionalEmail, TransactionalPush, TransactionalSms {

	/** The kinds of person identifier Customer.io takes in a transactional message's {@code identifiers}. */
	private static final String ACCEPTED_IDENTIFIERS = "one of id, email or cio_id";

	private final Object transactionalMessageId;

	private final PersonIdentifier identifiers;

	private final Map<String, Object> messageData;

	private final Instant sendAt;

	private final String language;

	private final Boolean disableMessageRetention;

	private final Boolean sendToUnsubscribed;

	private final Boolean queueDraft;

	private final Boolean autoCreate;

	TransactionalMessage(Builder<?> builder) {
		if (builder.identifiers == null) {
			throw new CustomerIoValidationException("identifiers", ACCEPTED_IDENTIFIERS,
					"must be given: the person the message is about");
		}
		if (builder.identifiers.isPhone()) {
			throw new CustomerIoValidationException("identifiers", ACCEPTED_IDENTIFIERS,
					"is phone, which transactional messages do not take");
		}
		this.transactionalMessageId = builder.transactionalMessageId;
		this.identifiers = builder.identifiers;
		this.messageData = AppLimits.messageData("message_data", builder.messageData);
		this.sendAt = AppLimits.sendAt(builder.sendAt);
		this.language = builder.language;
		this.disableMessageRetention = builder.disableMessageRetention;
		this.sendToUnsubscribed = builder.sendToUnsubscribed;
		this.queueDraft = builder.queueDraft;
		this.autoCreate = builder.autoCreate;
	}

	static Object requireTemplate(Object transactionalMessageId) {
		if (transactionalMessageId == null) {
			throw new CustomerIoValidationException("transactional_message_id", "required",
					"must be given: the template's id or trigger name");
		}
		return transactionalMessageId;
	}

	static Object templateId(long id) {
		if (id <= 0) {
			throw new CustomerIoValidationException("transactional_message_id", "positive", "is " + id);
		}
		return id;
	}

	static Object templateId(String triggerName) {
		return PayloadLimits.requireText("transactional_message_id", triggerName);
	}

	/** The template's numeric id or trigger name, or {@code null} for an email without a template. */
	public Object transactionalMessageId() {
		return this.transactionalMessageId;
	}

	public PersonIdentifier identifiers() {
		return this.identifiers;
	}

	public Map<String, Object> messageData() {
		return this.messageData;
	}

	/**
	 * The request body.
	 * @param withAttachments whether to include attachments (left out to check the 1 MB payload limit)
	 */
	final Map<String, Object> json(boolean withAttachments) {
		Map<String, Object> json = new LinkedHashMap<>();
		JsonPayloads.putIfPresent(json, "transactional_message_id", this.transactionalMessageId);
		json.put("identifiers", this.identifiers);
		JsonPayloads.putIfNotEmpty(json, "message_data", this.messageData);
		putChannelFields(json, withAttachments);
		JsonPayloads.putIfPresent(json, "send_at", JsonPayloads.epochSeconds(this.sendAt));
		JsonPayloads.putIfPresent(json, "language", this.language);
		JsonPayloads.putIfPresent(json, "disable_message_retention", this.disableMessageRetention);
		JsonPayloads.putIfPresent(json, "send_to_unsubscribed", this.sendToUnsubscribed);
		JsonPayloads.putIfPresent(json, "queue_draft", this.queueDraft);
		JsonPayloads.putIfPresent(json, "auto_create", this.autoCreate);
		return json;
	}

	abstract void putChannelFields(Map<String, Object> json, boolean withAttachments);

	boolean hasAttachments() {
		return false;
	}

	@Override
	public String toString() {
		// no message data, addresses or content: they are personal data
		return getClass().getSimpleName() + "[transactional_message_id=" + this.transactionalMessageId
				+ ", identifiers=" + this.identifiers.kind() + "]";
	}

	/**
	 * Sets what every transactional message has.
	 *
	 * @param <B> the channel's builder
	 */
	public abstract static class Builder<B extends Builder<B>> {

		Object transactionalMessageId;

		private PersonIdentifier identifiers;

		private final Map<String, Object> messageData = new LinkedHashMap<>();

		private Instant sendAt;

		private String language;

		private Boolean disableMessageRetention;

		private Boolean sendToUnsubscribed;

		private Boolean queueDraft;

		private Boolean autoCreate;

		Builder(Object transactionalMessageId) {
			this.transactionalMessageId = transactionalMessageId;
		}

		@SuppressWarnings("unchecked")
		private B self() {
			return (B) this;
		}

		/** The person the message is about (required): by id, email or {@code cio_id}, not phone. */
		public B identifiers(PersonIdentifier identifiers) {
			this.identifiers = identifiers;
			return self();
		}

		/** Adds key-value pairs for the Liquid in the message ({@code {{message_data.key}}}). */
		public B messageData(Map<String, ?> data) {
			this.messageData.putAll(data);
			return self();
		}

		/** Adds one key-value pair for the Liquid in the message. */
		public B messageData(String key, Object value) {
			this.messageData.put(key, value);
			return self();
		}

		/** Sends the message later, at most 90 days ahead; a time in the past sends it at once. */
		public B sendAt(Instant sendAt) {
			this.sendAt = sendAt;
			return self();
		}

		/** Overrides the person's language preference, with a two- or four-letter language code. */
		public B language(String language) {
			this.language = language;
			return self();
		}

		/** Whether to leave the message body out of delivery history, overriding the template's setting. */
		public B disableMessageRetention(boolean disable) {
			this.disableMessageRetention = disable;
			return self();
		}

		/** Whether to send to unsubscribed people, overriding the template's setting. */
		public B sendToUnsubscribed(boolean send) {
			this.sendToUnsubscribed = send;
			return self();
		}

		/** Whether to hold the message as a draft in Customer.io instead of sending it. */
		public B queueDraft(boolean queueDraft) {
			this.queueDraft = queueDraft;
			return self();
		}

		/** Whether Customer.io creates an empty template when the trigger name matches none. */
		public B autoCreate(boolean autoCreate) {
			this.autoCreate = autoCreate;
			return self();
		}

	}

}
