package io.github.ciospring.customerio.test;

import io.github.ciospring.customerio.autoconfigure.CustomerIoConnectionDetails;
import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.SandboxWorkspace;

/**
 * Connects every Customer.io client to one base URL with a sandbox workspace's credentials: those of a running
 * {@link CustomerIoSandbox}, or of a WireMock container serving the sandbox's stubs.
 */
public final class CustomerIoSandboxConnectionDetails implements CustomerIoConnectionDetails {

	private final String baseUrl;

	private final SandboxWorkspace workspace;

	public CustomerIoSandboxConnectionDetails(String baseUrl, SandboxWorkspace workspace) {
		this.baseUrl = baseUrl;
		this.workspace = workspace;
	}

	/** The connection to a running sandbox, with its default workspace's credentials. */
	public static CustomerIoSandboxConnectionDetails of(CustomerIoSandbox sandbox) {
		return new CustomerIoSandboxConnectionDetails(sandbox.baseUrl(), sandbox.workspace());
	}

	@Override
	public Track getTrack() {
		return new Track(this.baseUrl, this.workspace.siteId(), this.workspace.trackApiKey());
	}

	@Override
	public App getApp() {
		return new App(this.baseUrl, this.workspace.appApiKey());
	}

	@Override
	public Pipelines getPipelines() {
		return new Pipelines(this.baseUrl, this.workspace.pipelinesApiKey());
	}

	@Override
	public String toString() {
		return "CustomerIoSandboxConnectionDetails[" + this.baseUrl + ", " + this.workspace + "]";
	}

}
