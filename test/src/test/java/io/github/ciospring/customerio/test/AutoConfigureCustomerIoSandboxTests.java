package io.github.ciospring.customerio.test;

import java.util.Map;

import io.github.ciospring.customerio.app.AppClient;
import io.github.ciospring.customerio.autoconfigure.CustomerIoConnectionDetails;
import io.github.ciospring.customerio.pipelines.IdentifyMessage;
import io.github.ciospring.customerio.pipelines.PipelinesClient;
import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.SandboxApi;
import io.github.ciospring.customerio.track.Event;
import io.github.ciospring.customerio.track.TrackClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotation on a test whose configuration has no auto-configuration of its own (as in a slice): it brings
 * the Customer.io clients, points all three at the sandbox, and resets the sandbox before each test method.
 */
@SpringBootTest(classes = AutoConfigureCustomerIoSandboxTests.PlainConfiguration.class)
@AutoConfigureCustomerIoSandbox
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureCustomerIoSandboxTests {

	@Autowired
	CustomerIoSandbox sandbox;

	@Autowired
	CustomerIoConnectionDetails connectionDetails;

	@Autowired
	TrackClient track;

	@Autowired
	AppClient app;

	@Autowired
	PipelinesClient pipelines;

	@Test
	@Order(1)
	void everyClientReachesTheSandboxWithCredentialsItAccepts() {
		this.track.track(Event.of("1", "seen", Map.of())).block();
		this.pipelines.identify(IdentifyMessage.builder().userId("2").build()).block();
		assertThat(this.app.customersByEmail("nobody@example.com").block()).isEmpty();

		for (SandboxApi api : SandboxApi.values()) {
			assertThat(this.sandbox.stats(api).accepted()).as(api.name()).isEqualTo(1);
			assertThat(this.sandbox.stats(api).unauthorized()).as(api.name()).isZero();
		}
		assertThat(this.connectionDetails.getTrack().baseUrl()).isEqualTo(this.sandbox.baseUrl());
		assertThat(this.sandbox.events("1")).hasSize(1);
	}

	@Test
	@Order(2)
	void theSandboxIsResetBeforeEachTestMethod() {
		assertThat(this.sandbox.events()).as("the first test's event").isEmpty();
		assertThat(this.sandbox.people()).as("the first test's person").isEmpty();
		assertThat(this.sandbox.requestCount(SandboxApi.TRACK)).isZero();
	}

	@Configuration(proxyBeanMethods = false)
	static class PlainConfiguration {

	}

}
