package io.github.ciospring.customerio.test.sandbox;

import java.util.Map;

/**
 * One item of a Track v2 {@code /api/v2/batch} call, with what became of it.
 *
 * @param batch which batch call it came in, counting from 1 since the sandbox started or was reset
 * @param index its {@code batch_index} in that call
 * @param type the operation's {@code type}, for example {@code person}
 * @param action the operation's {@code action}, for example {@code identify} or {@code event}
 * @param identifiers the operation's {@code identifiers}; empty when it had none
 * @param outcome whether it was accepted or rejected (listed in the call's 207 answer)
 * @param reason why it was rejected, {@code null} when accepted
 */
public record RecordedBatchItem(long batch, int index, String type, String action, Map<String, Object> identifiers,
		Outcome outcome, String reason) {

	public RecordedBatchItem {
		identifiers = Recordings.copy(identifiers);
	}

	/** Whether the item was accepted. */
	public boolean accepted() {
		return this.outcome == Outcome.ACCEPTED;
	}

	/** What became of a batch item. */
	public enum Outcome {

		/** Accepted. */
		ACCEPTED,

		/** Listed in the 207 answer's {@code errors}; the rest of the batch was accepted. */
		REJECTED

	}

}
