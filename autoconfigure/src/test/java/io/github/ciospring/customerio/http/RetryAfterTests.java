package io.github.ciospring.customerio.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Retry-After} as delay-seconds or an HTTP-date (read against an injected clock), never negative, never
 * above the cap.
 */
class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final RetryAfter retryAfter = new RetryAfter(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(300));

	@Test
	void readsDelaySeconds() {
		assertThat(this.retryAfter.parse("120")).contains(Duration.ofSeconds(120));
	}

	@Test
	void readsDelaySecondsAmidWhitespace() {
		assertThat(this.retryAfter.parse(" 5 ")).contains(Duration.ofSeconds(5));
	}

	@Test
	void readsAnHttpDateAsTheTimeUntilThen() {
		assertThat(this.retryAfter.parse(httpDate(NOW.plusSeconds(90)))).contains(Duration.ofSeconds(90));
	}

	@Test
	void readsAnHttpDateInThePastAsNow() {
		assertThat(this.retryAfter.parse(httpDate(NOW.minusSeconds(30)))).contains(Duration.ZERO);
	}

	@Test
	void capsALongDelay() {
		assertThat(this.retryAfter.parse("86400")).contains(Duration.ofSeconds(300));
	}

	@Test
	void capsADistantDate() {
		assertThat(this.retryAfter.parse(httpDate(NOW.plusSeconds(3_600)))).contains(Duration.ofSeconds(300));
	}

	@Test
	void capsANumberTooLargeToRead() {
		assertThat(this.retryAfter.parse("99999999999999999999999")).contains(Duration.ofSeconds(300));
	}

	@Test
	void readsNothingFromAnAbsentOrBlankHeader() {
		assertThat(this.retryAfter.parse(null)).isEmpty();
		assertThat(this.retryAfter.parse("  ")).isEmpty();
	}

	@Test
	void readsNothingFromAnUnreadableHeader() {
		assertThat(this.retryAfter.parse("soon")).isEmpty();
		assertThat(this.retryAfter.parse("-5")).isEmpty();
		assertThat(this.retryAfter.parse("1.5")).isEmpty();
	}

	private static String httpDate(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
	}

}
