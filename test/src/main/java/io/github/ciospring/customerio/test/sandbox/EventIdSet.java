package io.github.ciospring.customerio.test.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The event ids one API has accepted, to count repeats (Customer.io drops an event whose id it has seen). Kept
 * compactly as 128-bit keys in an open-addressing table: a ULID is decoded exactly, any other id is reduced to
 * its MD5 digest. Holds at most {@code maxSize} ids; after that new ids are no longer remembered. Thread-safe.
 */
final class EventIdSet {

	private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	private static final int[] DECODE = new int[128];

	static {
		Arrays.fill(DECODE, -1);
		for (int i = 0; i < CROCKFORD.length(); i++) {
			DECODE[CROCKFORD.charAt(i)] = i;
			DECODE[Character.toLowerCase(CROCKFORD.charAt(i))] = i;
		}
	}

	/** What {@link #add(String)} found. */
	enum Outcome {

		/** The id was new and is now remembered. */
		NEW,

		/** The id was seen before. */
		DUPLICATE,

		/** The id was not seen before, but the set is full so it is not remembered. */
		NOT_REMEMBERED

	}

	private final int maxSize;

	/** Pairs of longs (high, low); a slot holding (0, 0) is empty, and the key (0, 0) is tracked apart. */
	private long[] table = new long[2 * 1024];

	private int size;

	private boolean zeroKeyPresent;

	EventIdSet(int maxSize) {
		this.maxSize = maxSize;
	}

	synchronized Outcome add(String id) {
		long[] key = key(id);
		long high = key[0];
		long low = key[1];
		if (high == 0 && low == 0) {
			if (this.zeroKeyPresent) {
				return Outcome.DUPLICATE;
			}
			if (this.size >= this.maxSize) {
				return Outcome.NOT_REMEMBERED;
			}
			this.zeroKeyPresent = true;
			this.size++;
			return Outcome.NEW;
		}
		int slot = find(this.table, high, low);
		if (this.table[slot] == high && this.table[slot + 1] == low) {
			return Outcome.DUPLICATE;
		}
		if (this.size >= this.maxSize) {
			return Outcome.NOT_REMEMBERED;
		}
		this.table[slot] = high;
		this.table[slot + 1] = low;
		this.size++;
		if (2L * this.size > this.table.length / 2) {
			grow();
		}
		return Outcome.NEW;
	}

	synchronized int size() {
		return this.size;
	}

	synchronized void clear() {
		this.table = new long[2 * 1024];
		this.size = 0;
		this.zeroKeyPresent = false;
	}

	/** The slot (index of the high half) holding the key, or the empty slot where it belongs. */
	private static int find(long[] table, long high, long low) {
		int slots = table.length / 2;
		int slot = (int) (mix(high ^ Long.rotateLeft(low, 31)) & (slots - 1));
		while (true) {
			int index = 2 * slot;
			long h = table[index];
			long l = table[index + 1];
			if ((h == 0 && l == 0) || (h == high && l == low)) {
				return index;
			}
			slot = (slot + 1) & (slots - 1);
		}
	}

	private void grow() {
		long[] old = this.table;
		long[] grown = new long[2 * old.length];
		for (int i = 0; i < old.length; i += 2) {
			if (old[i] != 0 || old[i + 1] != 0) {
				int slot = find(grown, old[i], old[i + 1]);
				grown[slot] = old[i];
				grown[slot + 1] = old[i + 1];
			}
		}
		this.table = grown;
	}

	private static long mix(long value) {
		long h = value;
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return h;
	}

	/** A ULID's 128 bits, or the MD5 digest of any other id. */
	static long[] key(String id) {
		long[] ulid = decodeUlid(id);
		if (ulid != null) {
			return ulid;
		}
		UUID digest = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
		return new long[] { digest.getMostSignificantBits(), digest.getLeastSignificantBits() };
	}

	private static long[] decodeUlid(String id) {
		if (id.length() != 26 || id.charAt(0) > '7') {
			return null;
		}
		long high = 0;
		long low = 0;
		for (int i = 0; i < 26; i++) {
			char c = id.charAt(i);
			int value = (c < 128) ? DECODE[c] : -1;
			if (value < 0) {
				return null;
			}
			high = (high << 5) | (low >>> 59);
			low = (low << 5) | value;
		}
		return new long[] { high, low };
	}

}
