package io.github.ciospring.customerio.delivery;

/**
 * How far a bulk import has come.
 *
 * @param delivered operations Customer.io accepted
 * @param failed operations that finally failed, invalid ones included
 * @param total operations read from the stream so far; the stream's size once {@code finished}
 * @param finished whether every operation read has been delivered or failed and the stream has ended
 */
public record BulkProgress(long delivered, long failed, long total, boolean finished) {

	/** Operations read but not yet delivered or failed. */
	public long pending() {
		return this.total - this.delivered - this.failed;
	}

}
