package io.github.ciospring.customerio.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Fails startup, naming the property, when a switched-on client lacks a credential.
 */
final class Credentials {

	private Credentials() {
	}

	static String require(String property, String value, String what) {
		if (value == null || value.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(property, null,
					"The " + what + " must be set when this Customer.io client is enabled");
		}
		return value;
	}

}
