package io.github.ciospring.customerio;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * The pieces every client builds its JSON bodies from: an ordered copy of caller data, a field written only when
 * set or not empty, times in Unix seconds, and the {@code {"batch":[...]}} frame that Track's {@code /api/v2/batch} and Pipelines' {@code /v1/batch}
 * share.
 */
public final class JsonPayloads {

	private static final byte[] BATCH_OPEN = "{\"batch\":[".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] BATCH_CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);

	/** Bytes of a batch body around its items: {@code {"batch":[} and {@code ]}}. */
	public static final int BATCH_FRAME_BYTES = BATCH_OPEN.length + BATCH_CLOSE.length;

	private JsonPayloads() {
	}

	/**
	 * An unmodifiable copy that keeps insertion order and allows {@code null} values, unlike {@link Map#copyOf}.
	 * @param values the map to copy, may be {@code null}
	 * @return the copy; an empty map for {@code null} or empty
	 */
	public static <V> Map<String, V> orderedCopy(@Nullable Map<String, ? extends V> values) {
		if (values == null || values.isEmpty()) {
			return Map.of();
		}
		return Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	/** Puts the field when its value is not {@code null}; Customer.io reads an absent field as unset. */
	public static void putIfPresent(Map<String, Object> json, String name, @Nullable Object value) {
		if (value != null) {
			json.put(name, value);
		}
	}

	/** Puts the map when it holds anything; Customer.io reads an absent field as none. */
	public static void putIfNotEmpty(Map<String, Object> json, String name, Map<?, ?> value) {
		if (!value.isEmpty()) {
			json.put(name, value);
		}
	}

	/** Puts the list or set when it holds anything; Customer.io reads an absent field as none. */
	public static void putIfNotEmpty(Map<String, Object> json, String name, Collection<?> value) {
		if (!value.isEmpty()) {
			json.put(name, value);
		}
	}

	/**
	 * A time as Customer.io's JSON writes it: whole seconds since the Unix epoch.
	 * @param time the time, may be {@code null}
	 * @return the seconds, {@code null} for {@code null}, so that {@link #putIfPresent} leaves the field out
	 */
	public static @Nullable Long epochSeconds(@Nullable Instant time) {
		return (time != null) ? time.getEpochSecond() : null;
	}

	/** The size in bytes of a batch body of {@code count} items that take {@code itemBytes} bytes in all. */
	public static long batchBodySize(long count, long itemBytes) {
		return BATCH_FRAME_BYTES + itemBytes + Math.max(0, count - 1);
	}

	/** The batch body {@code {"batch":[i1,i2,...]}} of already encoded items. */
	public static byte[] batchBody(List<byte[]> items) {
		return batchBody(items.size(), items::get);
	}

	/**
	 * The batch body {@code {"batch":[i1,i2,...]}} of the first {@code count} items.
	 * @param count how many items
	 * @param item the encoded item at an index, each read once
	 * @return the body
	 */
	public static byte[] batchBody(int count, IntFunction<byte[]> item) {
		byte[][] parts = new byte[count][];
		long itemBytes = 0;
		for (int i = 0; i < count; i++) {
			parts[i] = item.apply(i);
			itemBytes += parts[i].length;
		}
		byte[] body = new byte[Math.toIntExact(batchBodySize(count, itemBytes))];
		System.arraycopy(BATCH_OPEN, 0, body, 0, BATCH_OPEN.length);
		int position = BATCH_OPEN.length;
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				body[position++] = ',';
			}
			System.arraycopy(parts[i], 0, body, position, parts[i].length);
			position += parts[i].length;
		}
		System.arraycopy(BATCH_CLOSE, 0, body, position, BATCH_CLOSE.length);
		return body;
	}

}
