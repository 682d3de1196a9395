package io.github.ciospring.customerio.autoconfigure;

/**
 * The {@link CustomerIoConnectionDetails} the {@code customerio.*} properties describe: each API's
 * {@code base-url} if set, else the {@code customerio.region}'s host, and its credential properties.
 */
final class PropertiesCustomerIoConnectionDetails implements CustomerIoConnectionDetails {

	private final CustomerIoProperties common;

	private final CustomerIoTrackProperties track;

	private final CustomerIoAppProperties app;

	private final CustomerIoPipelinesProperties pipelines;

	PropertiesCustomerIoConnectionDetails(CustomerIoProperties common, CustomerIoTrackProperties track,
			CustomerIoAppProperties app, CustomerIoPipelinesProperties pipelines) {
		this.common = common;
		this.track = track;
		this.app = app;
		this.pipelines = pipelines;
	}

	@Override
	public Track getTrack() {
		return new Track(this.track.resolveBaseUrl(this.common.region()), this.track.siteId(), this.track.apiKey());
	}

	@Override
	public App getApp() {
		return new App(this.app.resolveBaseUrl(this.common.region()), this.app.apiKey());
	}

	@Override
	public Pipelines getPipelines() {
		return new Pipelines(this.pipelines.resolveBaseUrl(this.common.region()), this.pipelines.apiKey());
	}

}
