package io.github.ciospring.customerio.delivery;

import io.github.ciospring.customerio.JsonPayloads;

/**
 * The body of a {@code /api/v2/batch} request, {@code {"batch":[op,op,...]}}, assembled from operations that
 * were encoded once, when they were offered.
 */
final class BatchBody {

	/** The bytes a body adds around its operations. */
	static final int FRAME_BYTES = JsonPayloads.BATCH_FRAME_BYTES;

	private BatchBody() {
	}

	/** The size of a body of {@code count} operations of {@code operationBytes} bytes in all. */
	static long size(long count, long operationBytes) {
		return JsonPayloads.batchBodySize(count, operationBytes);
	}

	static byte[] encode(PendingOperation[] items, int count) {
		return JsonPayloads.batchBody(count, (i) -> items[i].json);
	}

}
