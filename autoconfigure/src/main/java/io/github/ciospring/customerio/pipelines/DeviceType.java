package io.github.ciospring.customerio.pipelines;

import com.fasterxml.jackson.annotation.JsonValue;

/** A push device's platform, as the device semantic events name it. */
public enum DeviceType {

	IOS("ios"), ANDROID("android");

	private final String value;

	DeviceType(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

}
