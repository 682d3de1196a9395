package io.github.ciospring.customerio.app;

import java.util.Map;

import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.PersonIdentifier;

/**
 * A transactional SMS ({@code POST /v1/send/sms}) from a template. Identifiers, the template and {@code to} are
 * required.
 *
 * <pre>{@code
 * TransactionalSms sms = TransactionalSms.template("verification_code")
 *     .identifiers(PersonIdentifier.id("42"))
 *     .to("+15551234567")
 *     .messageData("code", code)
 *     .build();
 * }</pre>
 */
public final class TransactionalSms extends TransactionalMessage {

	private final String to;

	private final String from;

	private final Boolean tracked;

	private TransactionalSms(Builder builder) {
		super(builder);
		requireTemplate(transactionalMessageId());
		this.to = PayloadLimits.requireText("to", builder.to);
		this.from = builder.from;
		this.tracked = builder.tracked;
	}

	/** An SMS from the template with this numeric id. */
	public static Builder template(long transactionalMessageId) {
		return new Builder(templateId(transactionalMessageId));
	}

	/** An SMS from the template with this trigger name (case insensitive). */
	public static Builder template(String triggerName) {
		return new Builder(templateId(triggerName));
	}

	@Override
	void putChannelFields(Map<String, Object> json, boolean withAttachments) {
		json.put("to", this.to);
		JsonPayloads.putIfPresent(json, "from", this.from);
		JsonPayloads.putIfPresent(json, "tracked", this.tracked);
	}

	/** Builds a {@link TransactionalSms}. */
	public static final class Builder extends TransactionalMessage.Builder<Builder> {

		private String to;

		private String from;

		private Boolean tracked;

		private Builder(Object transactionalMessageId) {
			super(transactionalMessageId);
		}

		/** The phone number in E.164 format, like {@code +15551234567}, or Liquid such as {@code {{customer.phone}}}. */
		public Builder to(String to) {
			this.to = to;
			return this;
		}

		/** The sender phone number or sender id, overriding the template's; it must be verified in Twilio. */
		public Builder from(String from) {
			this.from = from;
			return this;
		}

		/** Whether link clicks are tracked. */
		public Builder tracked(boolean tracked) {
			this.tracked = tracked;
			return this;
		}

		public TransactionalSms build() {
			return new TransactionalSms(this);
		}

	}

}
