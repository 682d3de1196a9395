package io.github.ciospring.customerio.webhooks;

/**
 * An event about a message: sent, delivered, opened, clicked, bounced and so on.
 */
public sealed interface MessageEvent extends ReportingEvent
		permits EmailEvent, PushEvent, SmsEvent, InAppEvent, WebhookEvent, SlackEvent, WhatsAppEvent {

	/** The channel. */
	ObjectType objectType();

	/** What happened to the message. */
	Metric metric();

	/** The message, its recipient and the campaign or broadcast it came from. */
	MessageData data();

	@Override
	default String name() {
		return objectType().value() + "_" + metric().value();
	}

}
