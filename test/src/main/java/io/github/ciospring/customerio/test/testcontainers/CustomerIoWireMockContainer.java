package io.github.ciospring.customerio.test.testcontainers;

import java.util.Map;

import io.github.ciospring.customerio.test.sandbox.SandboxStubs;
import io.github.ciospring.customerio.test.sandbox.SandboxWorkspace;
import org.testcontainers.utility.DockerImageName;
import org.wiremock.integrations.testcontainers.WireMockContainer;

/**
 * WireMock in a container, serving the sandbox's {@link SandboxStubs stubs} for one workspace. With
 * {@code @ServiceConnection} the Customer.io clients connect to it with that workspace's credentials. The
 * container answers every endpoint but checks no payload and enforces no limits: a test reads what arrived from
 * WireMock's request journal ({@code new WireMock(container.getHost(), container.getPort())}). For typed queries
 * and fault injection use the embedded {@code CustomerIoSandbox}.
 */
public class CustomerIoWireMockContainer extends WireMockContainer {

	/** The image used by default: the WireMock version the sandbox is built and tested on. */
	public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("wiremock/wiremock:3.13.2");

	private final SandboxWorkspace workspace;

	/** A container of the default image serving the default workspace. */
	public CustomerIoWireMockContainer() {
		this(DEFAULT_IMAGE, SandboxWorkspace.DEFAULT);
	}

	public CustomerIoWireMockContainer(DockerImageName image, SandboxWorkspace workspace) {
		super(image);
		this.workspace = workspace;
		for (Map.Entry<String, String> mapping : SandboxStubs.mappings(workspace).entrySet()) {
			withMappingFromJSON(mapping.getKey(), mapping.getValue());
		}
	}

	/** The workspace whose credentials the container accepts. */
	public SandboxWorkspace getWorkspace() {
		return this.workspace;
	}

}
