package io.github.ciospring.customerio.track;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of a v2 batch. Customer.io answers {@code 200} when every item was accepted and {@code 207} when
 * some were invalid: those are listed here by their index in the batch, and every other item was accepted. A
 * batch with errors must never be resent whole.
 *
 * @param errors the rejected items, empty when all were accepted
 */
public record BatchResult(List<ItemError> errors) {

	public BatchResult {
		errors = (errors != null) ? List.copyOf(errors) : List.of();
	}

	public static BatchResult allAccepted() {
		return new BatchResult(List.of());
	}

	public boolean isAllAccepted() {
		return this.errors.isEmpty();
	}

	/** The error of the item at that index of the batch, if it was rejected. */
	public Optional<ItemError> errorAt(int batchIndex) {
		return this.errors.stream().filter((error) -> error.batchIndex() == batchIndex).findFirst();
	}

	/**
	 * Why one item of a batch was rejected.
	 *
	 * @param batchIndex the item's index in the batch
	 * @param reason Customer.io's reason code
	 * @param field the field at fault, if named
	 * @param message Customer.io's explanation
	 */
	public record ItemError(@JsonProperty("batch_index") int batchIndex, String reason, String field,
			String message) {
	}

}
