package io.github.ciospring.customerio.test.testcontainers;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @ServiceConnection} factory is where Boot looks for it, with or without Docker.
 */
class CustomerIoWireMockContainerConnectionDetailsFactoryTests {

	@Test
	void isRegisteredInSpringFactories() {
		// other modules' factories need classes this module lacks (Docker Compose): skip those, as Boot does
		List<ConnectionDetailsFactory> factories = SpringFactoriesLoader
			.forDefaultResourceLocation(getClass().getClassLoader())
			.load(ConnectionDetailsFactory.class, (factoryType, implementationName, failure) -> {
			});

		assertThat(factories).hasAtLeastOneElementOfType(CustomerIoWireMockContainerConnectionDetailsFactory.class);
	}

}
