package io.github.ciospring.customerio;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Generates ULIDs (26 Crockford base32 characters: 48-bit millisecond time, 80 random bits). Customer.io
 * drops a second event with the same ULID {@code id}, so an event that carries one is safe to retry.
 */
public final class Ulid {

	private static final String ALPHABET_TEXT = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	private static final char[] ALPHABET = ALPHABET_TEXT.toCharArray();

	private Ulid() {
	}

	/** A new ULID for the current time. */
	public static String next() {
		return of(System.currentTimeMillis(), ThreadLocalRandom.current().nextLong(),
				ThreadLocalRandom.current().nextLong());
	}

	static String of(long epochMillis, long randomHigh, long randomLow) {
		char[] out = new char[26];
		long time = epochMillis & 0xFFFFFFFFFFFFL;
		for (int i = 9; i >= 0; i--) {
			out[i] = ALPHABET[(int) (time & 31)];
			time >>>= 5;
		}
		// 80 random bits: 16 from randomHigh, 64 from randomLow, as 16 characters of 5 bits
		long high = randomHigh & 0xFFFFL;
		long low = randomLow;
		for (int i = 25; i >= 10; i--) {
			out[i] = ALPHABET[(int) (low & 31)];
			low = (low >>> 5) | ((high & 31) << 59);
			high >>>= 5;
		}
		return new String(out);
	}

	/** Whether the text is a well-formed ULID. */
	public static boolean isValid(String text) {
		if (text == null || text.length() != 26 || text.charAt(0) > '7') {
			return false;
		}
		for (int i = 0; i < 26; i++) {
			if (ALPHABET_TEXT.indexOf(Character.toUpperCase(text.charAt(i))) < 0) {
				return false;
			}
		}
		return true;
	}

}
