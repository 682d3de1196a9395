package io.github.ciospring.customerio.delivery;

import java.nio.charset.StandardCharsets;

/**
 * The body of a {@code /api/v2/batch} request, {@code {"batch":[op,op,...]}}, assembled from operations that
 * were encoded once, when they were offered.
 */
final class BatchBody {

	private static final byte[] PREFIX = "{\"batch\":[".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

	/** The bytes a body adds around its operations. */
	static final int FRAME_BYTES = PREFIX.length + SUFFIX.length;

	private BatchBody() {
	}

	/** The size of a body of {@code count} operations of {@code operationBytes} bytes in all. */
	static long size(long count, long operationBytes) {
		return FRAME_BYTES + operationBytes + Math.max(0, count - 1);
	}

	static byte[] encode(PendingOperation[] items, int count, int size) {
		byte[] body = new byte[size];
		System.arraycopy(PREFIX, 0, body, 0, PREFIX.length);
		int position = PREFIX.length;
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				body[position++] = ',';
			}
			byte[] json = items[i].json;
			System.arraycopy(json, 0, body, position, json.length);
			position += json.length;
		}
		System.arraycopy(SUFFIX, 0, body, position, SUFFIX.length);
		return body;
	}

}
