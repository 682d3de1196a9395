package io.github.ciospring.customerio.test.testcontainers;

import io.github.ciospring.customerio.autoconfigure.CustomerIoConnectionDetails;
import io.github.ciospring.customerio.test.CustomerIoSandboxConnectionDetails;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * The {@link CustomerIoConnectionDetails} of a {@code @ServiceConnection} {@link CustomerIoWireMockContainer}:
 * every API at the container's base URL, with its workspace's credentials. Registered in
 * {@code META-INF/spring.factories}.
 */
class CustomerIoWireMockContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<CustomerIoWireMockContainer, CustomerIoConnectionDetails> {

	CustomerIoWireMockContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "org.wiremock.integrations.testcontainers.WireMockContainer");
	}

	@Override
	protected CustomerIoConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<CustomerIoWireMockContainer> source) {
		return new WireMockContainerConnectionDetails(source);
	}

	/** Reads the container's base URL once it has started. */
	static final class WireMockContainerConnectionDetails extends ContainerConnectionDetails<CustomerIoWireMockContainer>
			implements CustomerIoConnectionDetails {

		WireMockContainerConnectionDetails(ContainerConnectionSource<CustomerIoWireMockContainer> source) {
			super(source);
		}

		private CustomerIoConnectionDetails delegate() {
			CustomerIoWireMockContainer container = getContainer();
			return new CustomerIoSandboxConnectionDetails(container.getBaseUrl(), container.getWorkspace());
		}

		@Override
		public Track getTrack() {
			return delegate().getTrack();
		}

		@Override
		public App getApp() {
			return delegate().getApp();
		}

		@Override
		public Pipelines getPipelines() {
			return delegate().getPipelines();
		}

	}

}
