package io.github.ciospring.customerio.pipelines;

import java.util.ArrayList;
import java.util.List;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;

/**
 * Packs encoded messages (from {@link PipelinesClient#encode}) into {@code /v1/batch} request bodies that stay
 * within {@link PipelinesLimits#MAX_BATCH_BYTES}. A high-volume sender encodes each message once, splits, and sends
 * each part with {@link PipelinesClient#sendBatch}:
 * <pre>{@code
 * List<byte[]> encoded = messages.stream().map(client::encode).toList();
 * Flux.fromIterable(PipelinesBatches.split(encoded)).concatMap(client::sendBatch).then();
 * }</pre>
 */
public final class PipelinesBatches {

	/** Bytes of the batch body around its messages: {@code {"batch":[} and {@code ]}}. */
	public static final int ENVELOPE_BYTES = JsonPayloads.BATCH_FRAME_BYTES;

	private PipelinesBatches() {
	}

	/**
	 * Splits the messages, in order, into consecutive batches whose bodies are at most
	 * {@link PipelinesLimits#MAX_BATCH_BYTES}; each batch takes as many messages as fit, so there are as few
	 * batches as order allows.
	 * @param encodedMessages the messages' JSON, each at most {@link PipelinesLimits#MAX_MESSAGE_BYTES}
	 * @return the batches, empty for no messages
	 * @throws CustomerIoValidationException when a message is over its own limit (naming its index)
	 */
	public static List<List<byte[]>> split(List<byte[]> encodedMessages) {
		return split(encodedMessages, PipelinesLimits.MAX_BATCH_BYTES);
	}

	/**
	 * Like {@link #split(List)}, with a smaller body limit, for example to leave room for other requests.
	 * @param encodedMessages the messages' JSON
	 * @param maxBatchBytes the largest body, at most {@link PipelinesLimits#MAX_BATCH_BYTES}
	 * @return the batches, empty for no messages
	 */
	public static List<List<byte[]>> split(List<byte[]> encodedMessages, int maxBatchBytes) {
		if (maxBatchBytes > PipelinesLimits.MAX_BATCH_BYTES) {
			throw new IllegalArgumentException("maxBatchBytes must be at most " + PipelinesLimits.MAX_BATCH_BYTES
					+ ", was " + maxBatchBytes);
		}
		List<List<byte[]>> batches = new ArrayList<>();
		List<byte[]> current = new ArrayList<>();
		int currentBytes = ENVELOPE_BYTES;
		for (int i = 0; i < encodedMessages.size(); i++) {
			byte[] message = encodedMessages.get(i);
			requireMessageSize("batch[" + i + "]", message.length);
			if (ENVELOPE_BYTES + message.length > maxBatchBytes) {
				throw new CustomerIoValidationException("batch[" + i + "]", maxBatchBytes + " bytes per batch",
						"is " + message.length + " bytes and fits in no batch");
			}
			int added = message.length + (current.isEmpty() ? 0 : 1);
			if (currentBytes + added > maxBatchBytes) {
				batches.add(List.copyOf(current));
				current.clear();
				currentBytes = ENVELOPE_BYTES;
				added = message.length;
			}
			current.add(message);
			currentBytes += added;
		}
		if (!current.isEmpty()) {
			batches.add(List.copyOf(current));
		}
		return batches;
	}

	/** The size in bytes of the batch body holding these messages. */
	public static int bodySize(List<byte[]> encodedMessages) {
		long messageBytes = 0;
		for (byte[] message : encodedMessages) {
			messageBytes += message.length;
		}
		return Math.toIntExact(JsonPayloads.batchBodySize(encodedMessages.size(), messageBytes));
	}

	/** The batch body: {@code {"batch":[m1,m2,...]}}. */
	static byte[] body(List<byte[]> encodedMessages) {
		return JsonPayloads.batchBody(encodedMessages);
	}

	static void requireMessageSize(String field, int bytes) {
		if (bytes > PipelinesLimits.MAX_MESSAGE_BYTES) {
			throw new CustomerIoValidationException(field, PipelinesLimits.MAX_MESSAGE_BYTES + " bytes",
					"is " + bytes + " bytes; Customer.io answers 200 to a message over 32 KB and drops it unprocessed");
		}
	}

}
