package io.github.ciospring.customerio.autoconfigure.webhooks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ciospring.customerio.webhooks.ReportingEvent;

import org.springframework.context.event.EventListener;

/**
 * A test listener: records every reporting event, and throws for events whose id is {@link #FAILING_EVENT_ID}.
 */
public class RecordingWebhookListener {

	/** Events with this id make the listener throw. */
	public static final String FAILING_EVENT_ID = "01FAILINGLISTENER000000000";

	private final List<ReportingEvent> events = new CopyOnWriteArrayList<>();

	@EventListener
	public void on(ReportingEvent event) {
		if (FAILING_EVENT_ID.equals(event.eventId())) {
			throw new IllegalStateException("listener failed on purpose");
		}
		this.events.add(event);
	}

	public List<ReportingEvent> events() {
		return this.events;
	}

}
