package io.github.ciospring.customerio.test.testcontainers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.github.ciospring.customerio.test.sandbox.SandboxStubs;
import io.github.ciospring.customerio.test.sandbox.SandboxWorkspace;
import org.testcontainers.utility.DockerImageName;
import org.wiremock.integrations.testcontainers.WireMockContainer;

/**
 * WireMock in a container, serving the sandbox's {@link SandboxStubs stubs} for one workspace. With
 * {@code @ServiceConnection} the Customer.io clients connect to it with that workspace's credentials. The
 * container answers every endpoint but checks no payload and enforces no limits: a test reads what arrived from
 * WireMock's request journal ({@link #requestBodies(String, String)}). For typed queries
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

	/**
	 * The bodies of the requests the container received with this method and exact URL path (for example
	 * {@code POST}, {@code /api/v2/batch}), oldest first, read from its request journal.
	 */
	public List<String> requestBodies(String method, String urlPath) {
		WireMock admin = new WireMock(getHost(), getPort());
		List<String> bodies = new ArrayList<>(admin
			.find(new RequestPatternBuilder(RequestMethod.fromString(method), WireMock.urlPathEqualTo(urlPath)))
			.stream()
			.map(LoggedRequest::getBodyAsString)
			.toList());
		Collections.reverse(bodies); // the journal lists the newest first
		return bodies;
	}

}
