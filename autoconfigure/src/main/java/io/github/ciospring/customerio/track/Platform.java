package io.github.ciospring.customerio.track;

import com.fasterxml.jackson.annotation.JsonValue;

/** A push device's platform. */
public enum Platform {

	IOS("ios"), ANDROID("android");

	private final String value;

	Platform(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

}
