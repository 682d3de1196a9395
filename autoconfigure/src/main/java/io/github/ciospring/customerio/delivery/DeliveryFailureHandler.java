package io.github.ciospring.customerio.delivery;

/**
 * Receives every operation a {@link TrackDeliveryQueue} accepted (or read in a bulk import) and finally failed to
 * deliver, once each. Replace the default, which logs and counts, to keep a dead letter. Called on a Reactor
 * bounded-elastic thread, so it may block; a shutdown waits for the calls it caused.
 */
@FunctionalInterface
public interface DeliveryFailureHandler {

	void onFailure(DeliveryFailure failure);

}
