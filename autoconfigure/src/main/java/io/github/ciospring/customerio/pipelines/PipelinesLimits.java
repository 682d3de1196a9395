package io.github.ciospring.customerio.pipelines;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;

/**
 * The Pipelines API's documented limits. Customer.io answers {@code 200} to a call over them and drops it
 * unprocessed, so the client refuses such a call before sending it. "32KB" and "500KB" are read as 32,000 and
 * 500,000 bytes, the smaller reading, as Segment-style libraries do, so that no payload close to the limit is lost.
 */
public final class PipelinesLimits {

	/** Largest message, in bytes of its JSON form, alone or inside a batch. */
	public static final int MAX_MESSAGE_BYTES = 32_000;

	/** Largest batch request body, in bytes. */
	public static final int MAX_BATCH_BYTES = 500_000;

	private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private PipelinesLimits() {
	}

	/** At least one of the two ids must be set: Customer.io attributes every call to a person. */
	static void requireIdentity(String userId, String anonymousId) {
		if (isBlank(userId) && isBlank(anonymousId)) {
			throw new CustomerIoValidationException("userId/anonymousId", "at least one set",
					"are both missing: a call must name the person by userId, anonymousId or both");
		}
		requireNotBlankIfSet("userId", userId);
		requireNotBlankIfSet("anonymousId", anonymousId);
	}

	static void requireNotBlankIfSet(String field, String value) {
		if (value != null && value.isBlank()) {
			throw new CustomerIoValidationException(field, "not blank", "must not be blank when set");
		}
	}

	static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	/** Segment-style timestamps carry milliseconds; finer digits are dropped when a message is created. */
	static Instant toMillis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	/** ISO-8601 in UTC with milliseconds, for example {@code 2026-11-22T10:15:30.120Z}. */
	static String iso(Instant instant) {
		return ISO_MILLIS.format(instant);
	}

}
