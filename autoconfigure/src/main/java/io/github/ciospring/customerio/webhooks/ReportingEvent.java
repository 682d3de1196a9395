package io.github.ciospring.customerio.webhooks;

import java.time.Instant;

/**
 * One verified reporting webhook event. Documented object types and metrics come as typed records
 * ({@link EmailEvent}, {@link PushEvent}, {@link SmsEvent}, {@link InAppEvent}, {@link WebhookEvent},
 * {@link SlackEvent}, {@link WhatsAppEvent}, {@link CustomerEvent}); anything else as an {@link UnknownEvent}.
 * Every event keeps the request body as received in {@link #json()}, so nothing Customer.io sent is lost.
 */
public sealed interface ReportingEvent permits MessageEvent, CustomerEvent, UnknownEvent {

	/** Customer.io's id of the event ({@code event_id}), the same on every retry of it; {@code null} if absent. */
	String eventId();

	/** When it happened ({@code timestamp}); {@code null} if absent. */
	Instant timestamp();

	/** The event's name as Customer.io lists it, {@code <object_type>_<metric>}, for example {@code email_opened}. */
	String name();

	/** The request body, exactly as received. */
	String json();

}
