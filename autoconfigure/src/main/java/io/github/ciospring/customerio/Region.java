package io.github.ciospring.customerio;

/**
 * Customer.io data center. An account lives in exactly one; calls to the other answer {@code 301 wrong datacenter}.
 */
public enum Region {

	/** United States: track.customer.io, api.customer.io, cdp.customer.io. */
	US("https://track.customer.io", "https://api.customer.io", "https://cdp.customer.io"),

	/** European Union: track-eu.customer.io, api-eu.customer.io, cdp-eu.customer.io. */
	EU("https://track-eu.customer.io", "https://api-eu.customer.io", "https://cdp-eu.customer.io");

	private final String trackUrl;

	private final String appUrl;

	private final String pipelinesUrl;

	Region(String trackUrl, String appUrl, String pipelinesUrl) {
		this.trackUrl = trackUrl;
		this.appUrl = appUrl;
		this.pipelinesUrl = pipelinesUrl;
	}

	public String trackUrl() {
		return this.trackUrl;
	}

	public String appUrl() {
		return this.appUrl;
	}

	public String pipelinesUrl() {
		return this.pipelinesUrl;
	}

}
