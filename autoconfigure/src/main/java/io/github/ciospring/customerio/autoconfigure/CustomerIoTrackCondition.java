package io.github.ciospring.customerio.autoconfigure;

/**
 * The Track API is wanted: {@code customerio.track.enabled=true}, or a site id or API key is set.
 */
final class CustomerIoTrackCondition extends CustomerIoApiCondition {

	CustomerIoTrackCondition() {
		super("track", "site-id", "api-key");
	}

}
