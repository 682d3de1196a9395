package io.github.ciospring.customerio.test.testcontainers;

import java.util.Map;

import io.github.ciospring.customerio.autoconfigure.CustomerIoConnectionDetails;
import io.github.ciospring.customerio.pipelines.IdentifyMessage;
import io.github.ciospring.customerio.pipelines.PipelinesClient;
import io.github.ciospring.customerio.track.Event;
import io.github.ciospring.customerio.track.TrackClient;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Customer.io clients against WireMock in a container, connected by {@code @ServiceConnection}. Runs where
 * Docker is available; elsewhere JUnit reports it skipped ("disabledWithoutDocker is true and Docker is not
 * available"). {@code SandboxStubsTests} is the embedded twin that always runs: the same stubs and the same
 * connection details, in-process.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = CustomerIoWireMockContainerTests.Clients.class,
		properties = { "customerio.track.enabled=true", "customerio.pipelines.enabled=true" })
class CustomerIoWireMockContainerTests {

	@Container
	@ServiceConnection
	static final CustomerIoWireMockContainer customerIo = new CustomerIoWireMockContainer();

	@Autowired
	CustomerIoConnectionDetails connectionDetails;

	@Autowired
	TrackClient track;

	@Autowired
	PipelinesClient pipelines;

	@Test
	void theClientsReachTheContainerWithItsWorkspacesCredentials() {
		assertThat(this.connectionDetails.getTrack().baseUrl()).isEqualTo(customerIo.getBaseUrl());

		this.track.track(Event.of("1", "signed_up", Map.of())).block();
		this.pipelines.identify(IdentifyMessage.builder().userId("1").build()).block();

		assertThat(customerIo.requestBodies("POST", "/api/v1/customers/1/events")).singleElement()
			.asString()
			.contains("\"name\":\"signed_up\"");
		assertThat(customerIo.requestBodies("POST", "/v1/identify")).hasSize(1);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(classes = { io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration.class,
			io.github.ciospring.customerio.autoconfigure.CustomerIoTrackAutoConfiguration.class,
			io.github.ciospring.customerio.autoconfigure.CustomerIoPipelinesAutoConfiguration.class })
	static class Clients {

	}

}
