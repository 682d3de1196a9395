package io.github.ciospring.customerio.app;

import com.fasterxml.jackson.annotation.JsonValue;

/** The delivery metric a deliveries export is limited to. */
public enum ExportMetric {

	CREATED, ATTEMPTED, SENT, DELIVERED, OPENED, CLICKED, CONVERTED, BOUNCED, SPAMMED, UNSUBSCRIBED, DROPPED, FAILED,
	UNDELIVERABLE;

	@JsonValue
	public String value() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
