package io.github.ciospring.customerio.track;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an event records: a custom event, a page view, or a mobile screen view. */
public enum EventType {

	EVENT("event"), PAGE("page"), SCREEN("screen");

	private final String value;

	EventType(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

}
