package io.github.ciospring.customerio.track;

import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.JsonSize;
import io.github.ciospring.customerio.PayloadLimits;

/**
 * The Track API's documented limits, checked when a request is created so nothing oversized is ever sent.
 */
public final class TrackLimits {

	/** Longest customer identifier, in bytes: the same for every API. */
	public static final int MAX_IDENTIFIER_BYTES = PayloadLimits.MAX_IDENTIFIER_BYTES;

	/** Longest attribute name, in bytes. */
	public static final int MAX_ATTRIBUTE_NAME_BYTES = 150;

	/** Largest attribute value, in bytes: a text's UTF-8 bytes, any other value's JSON form. */
	public static final int MAX_ATTRIBUTE_VALUE_BYTES = 1000;

	/** Most attributes in one request. */
	public static final int MAX_ATTRIBUTES = 300;

	/** Longest event name, in bytes. */
	public static final int MAX_EVENT_NAME_BYTES = 100;

	/** Largest event data, in bytes of its JSON form. */
	public static final int MAX_EVENT_DATA_BYTES = 100_000;

	/**
	 * Largest v2 operation, in bytes, alone or inside a batch. Customer.io documents "32kb"; read as 32,000 bytes,
	 * the smaller reading, as for Pipelines, so that nothing close to the limit is refused by Customer.io.
	 */
	public static final int MAX_OPERATION_BYTES = 32_000;

	/**
	 * A v2 batch request must stay below this many bytes. Customer.io documents "smaller than 500kb"; read as
	 * 500,000 bytes, the smaller reading, as for Pipelines.
	 */
	public static final int MAX_BATCH_BYTES = 500_000;

	/** Most customer ids in one segment change. */
	public static final int MAX_SEGMENT_IDS = 1000;

	private TrackLimits() {
	}

	static String identifier(String field, String value) {
		return PayloadLimits.requireIdentifier(field, value);
	}

	static Map<String, Object> attributes(String field, Map<String, ?> attributes) {
		if (attributes == null || attributes.isEmpty()) {
			return Map.of();
		}
		if (attributes.size() > MAX_ATTRIBUTES) {
			throw new CustomerIoValidationException(field, MAX_ATTRIBUTES + " attributes",
					"has " + attributes.size() + " attributes");
		}
		attributes.forEach((name, value) -> {
			PayloadLimits.requireText(field + " name", name, MAX_ATTRIBUTE_NAME_BYTES);
			int bytes = (value instanceof CharSequence text) ? PayloadLimits.utf8Length(text.toString())
					: JsonSize.of(field + "." + name, value);
			PayloadLimits.requireMaxBytes(field + "." + name, bytes, MAX_ATTRIBUTE_VALUE_BYTES);
		});
		return JsonPayloads.orderedCopy(attributes);
	}

	static String eventName(String field, String name) {
		return PayloadLimits.requireText(field, name, MAX_EVENT_NAME_BYTES);
	}

	static Map<String, Object> eventData(String field, Map<String, ?> data) {
		if (data == null || data.isEmpty()) {
			return Map.of();
		}
		PayloadLimits.requireMaxBytes(field, JsonSize.of(field, data), MAX_EVENT_DATA_BYTES);
		return JsonPayloads.orderedCopy(data);
	}

}
