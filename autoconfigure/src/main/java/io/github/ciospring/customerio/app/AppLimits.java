package io.github.ciospring.customerio.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.JsonSize;
import io.github.ciospring.customerio.PayloadLimits;

/**
 * The App API's documented limits, checked before anything is sent.
 */
public final class AppLimits {

	/** Largest transactional request, in bytes of JSON, attachments excluded (1 MB). */
	public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

	/** Largest total of a transactional email's attachments, in bytes of base64 text (2 MB). */
	public static final int MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

	/** Most recipients of one transactional email, across {@code to}, {@code cc} and {@code bcc}. */
	public static final int MAX_RECIPIENTS = 15;

	/** Largest broadcast trigger {@code data}, in bytes of JSON. */
	public static final int MAX_BROADCAST_DATA_BYTES = 50_000;

	/**
	 * Largest broadcast trigger request, in bytes of JSON ("25MB", read as 25,000,000 bytes, the smaller reading).
	 */
	public static final int MAX_BROADCAST_PAYLOAD_BYTES = 25_000_000;

	/** Most {@code ids}, {@code emails} or {@code per_user_data} entries in one broadcast trigger. */
	public static final int MAX_BROADCAST_AUDIENCE = 10_000;

	/** How far ahead a transactional message may be scheduled with {@code send_at}. */
	public static final Duration MAX_SEND_AT_AHEAD = Duration.ofDays(90);

	private AppLimits() {
	}

	/**
	 * How many addresses a comma-separated recipient list holds. Commas inside quoted display names, as in
	 * {@code "Doe, Jane" <jane@example.com>}, do not separate addresses.
	 */
	static int countAddresses(String list) {
		if (list == null) {
			return 0;
		}
		int count = 0;
		boolean quoted = false;
		boolean content = false;
		for (int i = 0; i < list.length(); i++) {
			char c = list.charAt(i);
			if (c == '"') {
				quoted = !quoted;
				content = true;
			}
			else if (c == ',' && !quoted) {
				count += content ? 1 : 0;
				content = false;
			}
			else if (!Character.isWhitespace(c)) {
				content = true;
			}
		}
		return count + (content ? 1 : 0);
	}

	static Map<String, Object> messageData(String field, Map<String, ?> data) {
		if (data == null || data.isEmpty()) {
			return Map.of();
		}
		data.keySet().forEach((name) -> PayloadLimits.requireText(field + " name", name));
		return JsonPayloads.orderedCopy(data);
	}

	static Map<String, Object> broadcastData(Map<String, ?> data) {
		Map<String, Object> copy = messageData("data", data);
		PayloadLimits.requireMaxBytes("data", JsonSize.of("data", copy), MAX_BROADCAST_DATA_BYTES);
		return copy;
	}

	static Instant sendAt(Instant sendAt) {
		if (sendAt != null && sendAt.isAfter(Instant.now().plus(MAX_SEND_AT_AHEAD))) {
			throw new CustomerIoValidationException("send_at", "at most 90 days ahead",
					"is " + sendAt + ", more than 90 days ahead");
		}
		return sendAt;
	}

}
