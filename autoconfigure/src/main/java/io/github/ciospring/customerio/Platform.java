package io.github.ciospring.customerio;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A push device's platform: a Track device ({@code platform}) and a Pipelines device event ({@code device.type})
 * take the same values.
 */
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
