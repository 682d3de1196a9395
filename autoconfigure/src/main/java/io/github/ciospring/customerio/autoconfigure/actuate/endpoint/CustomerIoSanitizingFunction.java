package io.github.ciospring.customerio.autoconfigure.actuate.endpoint;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks Customer.io secrets in {@code /actuator/configprops} and {@code /actuator/env} even when they are set to
 * show values: every key under {@code customerio} whose last word is key, secret, token or password, however it is
 * spelled ({@code customerio.track.api-key}, {@code customerio.track.apiKey}, {@code CUSTOMERIO_TRACK_APIKEY}).
 */
public class CustomerIoSanitizingFunction implements SanitizingFunction {

	private static final List<String> SECRET_ENDINGS = List.of("key", "secret", "token", "password");

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		if (key == null) {
			return false;
		}
		String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[-_.\\[\\]]", "");
		return normalized.startsWith("customerio") && SECRET_ENDINGS.stream().anyMatch(normalized::endsWith);
	}

}
