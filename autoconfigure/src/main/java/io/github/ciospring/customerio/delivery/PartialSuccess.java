package io.github.ciospring.customerio.delivery;

import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.track.BatchResult;

/**
 * What a {@code 207} means for each operation of the batch. Stateless.
 */
final class PartialSuccess {

	private PartialSuccess() {
	}

	/**
	 * Settles a batch after a {@code 207}: named items failed, the others delivered. An error outside the batch
	 * names no item, so then no unnamed item counts as delivered either: each fails, to be checked or sent again.
	 */
	static DeliveryResult[] results(Batch batch, BatchResult result) {
		BatchResult.ItemError[] errors = new BatchResult.ItemError[batch.count];
		BatchResult.ItemError orphan = null;
		for (BatchResult.ItemError error : result.errors()) {
			if (error.batchIndex() >= 0 && error.batchIndex() < batch.count) {
				errors[error.batchIndex()] = error;
			}
			else if (orphan == null) {
				orphan = error;
			}
		}
		DeliveryResult[] results = new DeliveryResult[batch.count];
		for (int i = 0; i < batch.count; i++) {
			BatchResult.ItemError error = errors[i];
			if (error != null) {
				results[i] = DeliveryResult.failed(new DeliveryFailure(batch.items[i].operation(), Kind.ITEM_REJECTED,
						207, error.reason(), error.field(), error.message()));
			}
			else if (orphan != null) {
				// Customer.io rejected an item it placed outside this batch: any unnamed item may be the one
				results[i] = DeliveryResult.failed(new DeliveryFailure(batch.items[i].operation(), Kind.ITEM_REJECTED,
						207, orphan.reason(), orphan.field(), "Customer.io rejected an item at batch_index "
								+ orphan.batchIndex() + ", outside this batch of " + batch.count + "; this item may be the one"));
			}
			else {
				results[i] = DeliveryResult.delivered();
			}
		}
		return results;
	}

}
