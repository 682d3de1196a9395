package io.github.ciospring.customerio;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Checks shared by the request types: each names the field and the limit it enforces.
 */
public final class PayloadLimits {

	/** Longest identifier of a person or an object (id, email, phone, cio_id, object id), in bytes. */
	public static final int MAX_IDENTIFIER_BYTES = 150;

	private PayloadLimits() {
	}

	public static int utf8Length(String text) {
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/** The text itself, when it is neither null nor blank. */
	public static String requireText(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new CustomerIoValidationException(field, "not blank", "must not be null or blank");
		}
		return value;
	}

	/** The text itself, when it is not blank and at most {@code maxBytes} long in UTF-8. */
	public static String requireText(String field, String value, int maxBytes) {
		requireText(field, value);
		requireMaxBytes(field, value, maxBytes);
		return value;
	}

	/** The identifier itself, when it is not blank and at most {@value #MAX_IDENTIFIER_BYTES} bytes in UTF-8. */
	public static String requireIdentifier(String field, String value) {
		return requireText(field, value, MAX_IDENTIFIER_BYTES);
	}

	public static void requireMaxBytes(String field, String value, int maxBytes) {
		if (value != null) {
			requireMaxBytes(field, utf8Length(value), maxBytes);
		}
	}

	public static void requireMaxBytes(String field, int actualBytes, int maxBytes) {
		if (actualBytes > maxBytes) {
			throw new CustomerIoValidationException(field, maxBytes + " bytes", "is " + actualBytes + " bytes");
		}
	}

	public static <C extends Collection<?>> C requireSize(String field, C values, int min, int max) {
		if (values == null || values.size() < min) {
			throw new CustomerIoValidationException(field, "at least " + min + " items",
					"has " + ((values != null) ? values.size() : 0) + " items");
		}
		if (values.size() > max) {
			throw new CustomerIoValidationException(field, "at most " + max + " items",
					"has " + values.size() + " items");
		}
		return values;
	}

}
