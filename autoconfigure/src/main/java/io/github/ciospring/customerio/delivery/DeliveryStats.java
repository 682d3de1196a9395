package io.github.ciospring.customerio.delivery;

/**
 * A snapshot of a {@link TrackDeliveryQueue}'s counts. Every accepted operation is delivered, failed or still
 * pending: {@code accepted = delivered + failed + pending}, exact once the queue is quiet.
 *
 * @param accepted operations taken into the queue
 * @param delivered operations Customer.io accepted
 * @param failed accepted operations that finally failed (each handed to the failure handler)
 * @param rejected operations refused before they were queued: queue full, shutting down, or invalid in a bulk
 * import
 * @param pending operations held now: queued, in flight, or waiting to be sent again
 * @param pendingBytes bytes of operation JSON held now
 * @param requests batch requests sent, redeliveries included (each counted once, however many attempts the
 * client made)
 * @param redeliveries batches sent again after the client's retries gave up
 */
public record DeliveryStats(long accepted, long delivered, long failed, long rejected, long pending,
		long pendingBytes, long requests, long redeliveries) {

}
