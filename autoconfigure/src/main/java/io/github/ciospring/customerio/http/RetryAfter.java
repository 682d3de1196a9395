package io.github.ciospring.customerio.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value: delay-seconds or an HTTP-date, never negative and never above a cap.
 */
public final class RetryAfter {

	private final Clock clock;

	private final Duration cap;

	public RetryAfter(Clock clock, Duration cap) {
		this.clock = clock;
		this.cap = cap;
	}

	/**
	 * The delay the header asks for.
	 * @param value the header value, may be {@code null}
	 * @return the delay, capped; empty when the header is absent or unreadable
	 */
	public Optional<Duration> parse(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String text = value.trim();
		Duration delay;
		if (text.chars().allMatch(Character::isDigit)) {
			try {
				delay = Duration.ofSeconds(Long.parseLong(text));
			}
			catch (NumberFormatException tooLarge) {
				delay = this.cap;
			}
		}
		else {
			try {
				ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
				delay = Duration.between(this.clock.instant(), at.toInstant());
			}
			catch (DateTimeParseException unreadable) {
				return Optional.empty();
			}
		}
		if (delay.isNegative()) {
			return Optional.of(Duration.ZERO);
		}
		return Optional.of((delay.compareTo(this.cap) > 0) ? this.cap : delay);
	}

}
