package io.github.ciospring.customerio.autoconfigure;

import java.util.ArrayList;
import java.util.List;

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

	/**
	 * Fails, naming every missing one, unless all credentials are set.
	 * @param api the API's name in the message, for example {@code Track}
	 * @param propertiesAndValues property names each followed by its value
	 */
	static void requireAll(String api, String... propertiesAndValues) {
		List<String> missing = new ArrayList<>();
		for (int i = 0; i + 1 < propertiesAndValues.length; i += 2) {
			String value = propertiesAndValues[i + 1];
			if (value == null || value.isBlank()) {
				missing.add(propertiesAndValues[i]);
			}
		}
		if (!missing.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(missing.get(0), null,
					String.join(" and ", missing) + " must be set when the Customer.io " + api
							+ " client is enabled");
		}
	}

}
