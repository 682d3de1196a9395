package io.github.ciospring.customerio.app;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.PersonIdentifier;

/**
 * A transactional email ({@code POST /v1/send/email}): from a template, whose subject, body and sender may be
 * overridden, or inline with its own sender, subject and body. Checked when built: identifiers and {@code to} are
 * required, at most 15 recipients across {@code to}, {@code cc} and {@code bcc}, attachments at most 2 MB in all.
 *
 * <pre>{@code
 * TransactionalEmail email = TransactionalEmail.template(44)
 *     .identifiers(PersonIdentifier.id("42"))
 *     .to("jane@example.com")
 *     .messageData("reset_token", token)
 *     .build();
 * }</pre>
 */
public final class TransactionalEmail extends TransactionalMessage {

	private final String to;

	private final String cc;

	private final String bcc;

	private final String from;

	private final String subject;

	private final String body;

	private final String bodyPlain;

	private final String bodyAmp;

	private final String replyTo;

	private final String preheader;

	private final Map<String, String> headers;

	private final Map<String, String> attachments;

	private final Boolean fakeBcc;

	private final Boolean tracked;

	private final Boolean disableCssPreprocessing;

	private TransactionalEmail(Builder builder) {
		super(builder);
		this.to = join(builder.to);
		this.cc = join(builder.cc);
		this.bcc = join(builder.bcc);
		if (this.to == null) {
			throw new CustomerIoValidationException("to", "at least 1 recipient", "must be given");
		}
		int recipients = AppLimits.countAddresses(this.to) + AppLimits.countAddresses(this.cc)
				+ AppLimits.countAddresses(this.bcc);
		if (recipients > AppLimits.MAX_RECIPIENTS) {
			throw new CustomerIoValidationException("to", AppLimits.MAX_RECIPIENTS + " recipients across to, cc and bcc",
					"has " + recipients + " recipients across to, cc and bcc");
		}
		this.from = builder.from;
		this.subject = builder.subject;
		this.body = builder.body;
		if (transactionalMessageId() == null) {
			PayloadLimits.requireText("from", this.from);
			PayloadLimits.requireText("subject", this.subject);
			PayloadLimits.requireText("body", this.body);
		}
		this.bodyPlain = builder.bodyPlain;
		this.bodyAmp = builder.bodyAmp;
		this.replyTo = builder.replyTo;
		this.preheader = builder.preheader;
		this.headers = JsonPayloads.orderedCopy(builder.headers);
		this.attachments = JsonPayloads.orderedCopy(builder.attachments);
		long attachmentBytes = 0;
		for (String content : this.attachments.values()) {
			attachmentBytes += content.length();
		}
		if (attachmentBytes > AppLimits.MAX_ATTACHMENT_BYTES) {
			throw new CustomerIoValidationException("attachments",
					AppLimits.MAX_ATTACHMENT_BYTES + " bytes (2 MB) of base64 in all",
					"hold " + attachmentBytes + " bytes of base64");
		}
		this.fakeBcc = builder.fakeBcc;
		this.tracked = builder.tracked;
		this.disableCssPreprocessing = builder.disableCssPreprocessing;
	}

	/** An email from the template with this numeric id. */
	public static Builder template(long transactionalMessageId) {
		return new Builder(templateId(transactionalMessageId));
	}

	/** An email from the template with this trigger name (case insensitive). */
	public static Builder template(String triggerName) {
		return new Builder(templateId(triggerName));
	}

	/**
	 * An email without a template.
	 * @param from a verified sender, optionally with a quoted display name
	 * @param subject the subject line
	 * @param body the HTML body
	 */
	public static Builder inline(String from, String subject, String body) {
		return new Builder(null).from(PayloadLimits.requireText("from", from))
			.subject(PayloadLimits.requireText("subject", subject))
			.body(PayloadLimits.requireText("body", body));
	}

	private static String join(List<String> recipients) {
		return recipients.isEmpty() ? null : String.join(",", recipients);
	}

	/** The {@code to} recipients, comma-separated. */
	public String to() {
		return this.to;
	}

	@Override
	void putChannelFields(Map<String, Object> json, boolean withAttachments) {
		JsonPayloads.putIfPresent(json, "to", this.to);
		JsonPayloads.putIfPresent(json, "cc", this.cc);
		JsonPayloads.putIfPresent(json, "bcc", this.bcc);
		JsonPayloads.putIfPresent(json, "from", this.from);
		JsonPayloads.putIfPresent(json, "reply_to", this.replyTo);
		JsonPayloads.putIfPresent(json, "subject", this.subject);
		JsonPayloads.putIfPresent(json, "preheader", this.preheader);
		JsonPayloads.putIfPresent(json, "body", this.body);
		JsonPayloads.putIfPresent(json, "body_plain", this.bodyPlain);
		JsonPayloads.putIfPresent(json, "body_amp", this.bodyAmp);
		JsonPayloads.putIfNotEmpty(json, "headers", this.headers);
		if (withAttachments && !this.attachments.isEmpty()) {
			json.put("attachments", this.attachments);
		}
		JsonPayloads.putIfPresent(json, "fake_bcc", this.fakeBcc);
		JsonPayloads.putIfPresent(json, "tracked", this.tracked);
		JsonPayloads.putIfPresent(json, "disable_css_preprocessing", this.disableCssPreprocessing);
	}

	@Override
	boolean hasAttachments() {
		return !this.attachments.isEmpty();
	}

	/** Builds a {@link TransactionalEmail}. */
	public static final class Builder extends TransactionalMessage.Builder<Builder> {

		private final List<String> to = new ArrayList<>();

		private final List<String> cc = new ArrayList<>();

		private final List<String> bcc = new ArrayList<>();

		private String from;

		private String subject;

		private String body;

		private String bodyPlain;

		private String bodyAmp;

		private String replyTo;

		private String preheader;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final Map<String, String> attachments = new LinkedHashMap<>();

		private Boolean fakeBcc;

		private Boolean tracked;

		private Boolean disableCssPreprocessing;

		private Builder(Object transactionalMessageId) {
			super(transactionalMessageId);
		}

		/** Adds recipients; each may itself be a comma-separated list, with optional quoted display names. */
		public Builder to(String... recipients) {
			return addRecipients("to", this.to, recipients);
		}

		/** Adds carbon-copy recipients, visible to every recipient. */
		public Builder cc(String... recipients) {
			return addRecipients("cc", this.cc, recipients);
		}

		/** Adds blind-copy recipients. */
		public Builder bcc(String... recipients) {
			return addRecipients("bcc", this.bcc, recipients);
		}

		private Builder addRecipients(String field, List<String> list, String... recipients) {
			for (String recipient : recipients) {
				list.add(PayloadLimits.requireText(field, recipient).strip());
			}
			return this;
		}

		/** The sender, overriding the template's; it must be a verified sender. */
		public Builder from(String from) {
			this.from = from;
			return this;
		}

		/** The subject line, overriding the template's. */
		public Builder subject(String subject) {
			this.subject = subject;
			return this;
		}

		/** The HTML body, overriding the template's. */
		public Builder body(String body) {
			this.body = body;
			return this;
		}

		/** The plain-text body, overriding the template's. */
		public Builder bodyPlain(String bodyPlain) {
			this.bodyPlain = bodyPlain;
			return this;
		}

		/** AMP content, for email clients that support it; others get the HTML body. */
		public Builder bodyAmp(String bodyAmp) {
			this.bodyAmp = bodyAmp;
			return this;
		}

		public Builder replyTo(String replyTo) {
			this.replyTo = replyTo;
			return this;
		}

		/** The preview text shown next to or under the subject line. */
		public Builder preheader(String preheader) {
			this.preheader = preheader;
			return this;
		}

		/** Adds an email header; names and values must be ASCII and reserved headers cannot be overwritten. */
		public Builder header(String name, String value) {
			this.headers.put(PayloadLimits.requireText("headers name", name),
					PayloadLimits.requireText("headers." + name, value));
			return this;
		}

		/**
		 * Attaches a file, base64-encoding its content.
		 * @param fileName the file name with its extension, for example {@code receipt.pdf}
		 * @param content the file's bytes
		 */
		public Builder attach(String fileName, byte[] content) {
			if (content == null) {
				throw new CustomerIoValidationException("attachments." + fileName, "content", "must not be null");
			}
			return attachBase64(fileName, Base64.getEncoder().encodeToString(content));
		}

		/** Attaches a file whose content is already base64-encoded. */
		public Builder attachBase64(String fileName, String base64Content) {
			PayloadLimits.requireText("attachments name", fileName);
			int dot = fileName.lastIndexOf('.');
			if (dot <= 0 || dot == fileName.length() - 1) {
				throw new CustomerIoValidationException("attachments." + fileName, "a file name with its extension",
						"has no extension");
			}
			if (this.attachments.containsKey(fileName)) {
				throw new CustomerIoValidationException("attachments." + fileName, "unique file names",
						"is attached twice");
			}
			PayloadLimits.requireText("attachments." + fileName, base64Content);
			this.attachments.put(fileName, base64Content);
			return this;
		}

		/** Whether BCC recipients get a copy whose subject names the recipients instead of a true blind copy. */
		public Builder fakeBcc(boolean fakeBcc) {
			this.fakeBcc = fakeBcc;
			return this;
		}

		/** Whether Customer.io tracks opens and link clicks. */
		public Builder tracked(boolean tracked) {
			this.tracked = tracked;
			return this;
		}

		/** Whether to skip CSS preprocessing, overriding the template's setting. */
		public Builder disableCssPreprocessing(boolean disable) {
			this.disableCssPreprocessing = disable;
			return this;
		}

		public TransactionalEmail build() {
			return new TransactionalEmail(this);
		}

	}

}
