package io.github.ciospring.customerio.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.ciospring.customerio.CustomerIoTransportException;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.support.ForwardProxy;
import io.github.ciospring.customerio.support.SelfSignedCertificates;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each API's connector as production networks need it: through a forward proxy (explicit or the JVM's), with an
 * SSL bundle, with Boot's HTTP client settings, and replaceable by a customizer.
 */
class CustomerIoConnectorTests {

	/** Resolves nowhere ({@code .invalid} is reserved): only a proxy that routes it can reach the stand-in. */
	private static final String UNRESOLVABLE = "track.customerio.invalid";

	private static final String[] CREDENTIALS = { "customerio.track.site-id=" + TestClients.SITE_ID,
			"customerio.track.api-key=" + TestClients.API_KEY, "customerio.track.retry.max-attempts=1" };

	@TempDir
	static Path certificates;

	private static SelfSignedCertificates tls;

	private static WireMockServer customerIo;

	private ForwardProxy proxy;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
				CustomerIoAutoConfiguration.class, CustomerIoTrackAutoConfiguration.class))
		.withPropertyValues(CREDENTIALS);

	@BeforeAll
	static void startCustomerIo() throws Exception {
		tls = SelfSignedCertificates.create(certificates);
		customerIo = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
			.dynamicPort()
			.dynamicHttpsPort()
			.keystorePath(tls.keyStore().toString())
			.keystoreType("PKCS12")
			.keystorePassword(SelfSignedCertificates.PASSWORD)
			.keyManagerPassword(SelfSignedCertificates.PASSWORD));
		customerIo.start();
	}

	@AfterAll
	static void stopCustomerIo() {
		customerIo.stop();
	}

	@BeforeEach
	void stub() {
		customerIo.resetAll();
		customerIo.stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
	}

	@AfterEach
	void closeProxy() throws Exception {
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@Test
	void callsReachAnUnresolvableHostThroughAnAuthenticatingProxy() throws Exception {
		this.proxy = ForwardProxy.withBasicAuth("egress", "proxy-secret").route(UNRESOLVABLE, 80, customerIo.port());
		this.runner
			.withPropertyValues("customerio.track.base-url=http://" + UNRESOLVABLE,
					"customerio.http.proxy.host=127.0.0.1", "customerio.http.proxy.port=" + this.proxy.port(),
					"customerio.http.proxy.username=egress", "customerio.http.proxy.password=proxy-secret")
			.run((context) -> {
				TrackClient track = context.getBean(TrackClient.class);
				for (int i = 0; i < 5; i++) {
					track.identify(Identify.person("person-" + i).build()).block(Duration.ofSeconds(10));
				}
			});

		assertThat(this.proxy.connectTargets()).isNotEmpty().allMatch((target) -> target.equals(UNRESOLVABLE + ":80"));
		assertThat(this.proxy.refused()).isZero();
		customerIo.verify(5, putRequestedFor(urlPathMatching("/api/v1/customers/person-.*"))
			.withHeader("Host", equalTo(UNRESOLVABLE)));
	}

	@Test
	void withoutProxyCredentialsTheProxyAnswers407AndNothingArrives() throws Exception {
		this.proxy = ForwardProxy.withBasicAuth("egress", "proxy-secret").route(UNRESOLVABLE, 80, customerIo.port());
		this.runner
			.withPropertyValues("customerio.track.base-url=http://" + UNRESOLVABLE,
					"customerio.http.proxy.host=127.0.0.1", "customerio.http.proxy.port=" + this.proxy.port())
			.run((context) -> assertThatExceptionOfType(CustomerIoTransportException.class)
				.isThrownBy(() -> identify(context.getBean(TrackClient.class))));

		assertThat(this.proxy.refused()).isPositive();
		assertThat(customerIo.getAllServeEvents()).isEmpty();
	}

	@Test
	void withoutAProxyTheUnresolvableHostIsNotReached() {
		this.runner.withPropertyValues("customerio.track.base-url=http://" + UNRESOLVABLE)
			.withBean(CustomerIoConnectorFactory.class, () -> connectorFactory(new Properties()))
			.run((context) -> assertThatExceptionOfType(CustomerIoTransportException.class)
				.isThrownBy(() -> identify(context.getBean(TrackClient.class))));

		assertThat(customerIo.getAllServeEvents()).isEmpty();
	}

	@Test
	void theJvmsProxyPropertiesAreHonouredByDefault() throws Exception {
		this.proxy = ForwardProxy.open().route(UNRESOLVABLE, 80, customerIo.port());
		Properties jvm = new Properties();
		jvm.setProperty("http.proxyHost", "127.0.0.1");
		jvm.setProperty("http.proxyPort", Integer.toString(this.proxy.port()));
		this.runner.withPropertyValues("customerio.track.base-url=http://" + UNRESOLVABLE)
			.withBean(CustomerIoConnectorFactory.class, () -> connectorFactory(jvm))
			.run((context) -> identify(context.getBean(TrackClient.class)));

		assertThat(this.proxy.tunnels()).isEqualTo(1);
		customerIo.verify(1, putRequestedFor(urlPathMatching("/api/v1/customers/.*")));
	}

	@Test
	void theJvmsNonProxyHostsAreReachedDirectly() throws Exception {
		this.proxy = ForwardProxy.open().route(UNRESOLVABLE, 80, customerIo.port());
		Properties jvm = new Properties();
		jvm.setProperty("http.proxyHost", "127.0.0.1");
		jvm.setProperty("http.proxyPort", Integer.toString(this.proxy.port()));
		jvm.setProperty("http.nonProxyHosts", "*.customerio.invalid|localhost");
		this.runner.withPropertyValues("customerio.track.base-url=http://localhost:" + customerIo.port())
			.withBean(CustomerIoConnectorFactory.class, () -> connectorFactory(jvm))
			.run((context) -> identify(context.getBean(TrackClient.class)));
		this.runner.withPropertyValues("customerio.track.base-url=http://" + UNRESOLVABLE)
			.withBean(CustomerIoConnectorFactory.class, () -> connectorFactory(jvm))
			.run((context) -> assertThatExceptionOfType(CustomerIoTransportException.class)
				.isThrownBy(() -> identify(context.getBean(TrackClient.class))));

		assertThat(this.proxy.connectTargets()).isEmpty();
		customerIo.verify(1, putRequestedFor(urlPathMatching("/api/v1/customers/.*")));
	}

	@Test
	@ResourceLock(Resources.SYSTEM_PROPERTIES)
	void theRealSystemPropertiesAreRead() throws Exception {
		this.proxy = ForwardProxy.open().route(UNRESOLVABLE, 80, customerIo.port());
		String host = System.getProperty("http.proxyHost");
		String port = System.getProperty("http.proxyPort");
		System.setProperty("http.proxyHost", "127.0.0.1");
		System.setProperty("http.proxyPort", Integer.toString(this.proxy.port()));
		try {
			this.runner.withPropertyValues("customerio.track.base-url=http://" + UNRESOLVABLE)
				.run((context) -> identify(context.getBean(TrackClient.class)));
		}
		finally {
			restore("http.proxyHost", host);
			restore("http.proxyPort", port);
		}

		assertThat(this.proxy.tunnels()).isEqualTo(1);
		customerIo.verify(1, putRequestedFor(urlPathMatching("/api/v1/customers/.*")));
	}

	@Test
	void aSelfSignedServerIsRefusedWithoutTheBundle() {
		this.runner.withPropertyValues(httpsBaseUrl())
			.run((context) -> assertThatExceptionOfType(CustomerIoTransportException.class)
				.isThrownBy(() -> identify(context.getBean(TrackClient.class))));

		assertThat(customerIo.getAllServeEvents()).isEmpty();
	}

	@Test
	void aSelfSignedServerIsTrustedWithTheSharedBundle() {
		this.runner.withPropertyValues(httpsBaseUrl()).withPropertyValues(trustBundle("customerio"))
			.withPropertyValues("customerio.http.ssl.bundle=customerio")
			.run((context) -> identify(context.getBean(TrackClient.class)));

		customerIo.verify(1, putRequestedFor(urlPathMatching("/api/v1/customers/.*")));
	}

	@Test
	void anApisOwnBundleOverridesTheSharedOne() {
		this.runner.withPropertyValues(httpsBaseUrl()).withPropertyValues(trustBundle("track-trust"))
			.withPropertyValues("customerio.http.ssl.bundle=no-such-bundle", "customerio.track.ssl.bundle=track-trust")
			.run((context) -> identify(context.getBean(TrackClient.class)));

		customerIo.verify(1, putRequestedFor(urlPathMatching("/api/v1/customers/.*")));
	}

	@Test
	void springHttpClientsSettingsApply() {
		customerIo.stubFor(put(urlPathMatching("/api/v1/customers/slow")).willReturn(ok().withFixedDelay(3000)));
		this.runner.withPropertyValues("customerio.track.base-url=http://127.0.0.1:" + customerIo.port(),
				"spring.http.clients.read-timeout=200ms")
			.run((context) -> assertThatExceptionOfType(CustomerIoTransportException.class).isThrownBy(
					() -> context.getBean(TrackClient.class).identify(Identify.person("slow").build()).block()));
	}

	@Test
	void redirectsAreNotFollowedUnlessSpringHttpClientsSaysSo() {
		customerIo.stubFor(put(urlPathMatching("/api/v1/customers/moved"))
			.willReturn(aResponse().withStatus(307).withHeader("Location", "/api/v1/customers/new-home")));
		this.runner.withPropertyValues("customerio.track.base-url=http://127.0.0.1:" + customerIo.port())
			.run((context) -> assertThatExceptionOfType(Exception.class).isThrownBy(
					() -> context.getBean(TrackClient.class).identify(Identify.person("moved").build()).block()));
		customerIo.verify(0, putRequestedFor(urlPathEqualTo("/api/v1/customers/new-home")));

		this.runner.withPropertyValues("customerio.track.base-url=http://127.0.0.1:" + customerIo.port(),
				"spring.http.clients.redirects=follow")
			.run((context) -> context.getBean(TrackClient.class).identify(Identify.person("moved").build()).block());
		customerIo.verify(1, putRequestedFor(urlPathEqualTo("/api/v1/customers/new-home")));
	}

	@Test
	void aConnectorSetByACustomizerIsKept() {
		AtomicInteger connects = new AtomicInteger();
		ClientHttpConnector reactor = new ReactorClientHttpConnector();
		ClientHttpConnector counting = (method, uri, callback) -> {
			connects.incrementAndGet();
			return reactor.connect(method, uri, callback);
		};
		this.runner.withPropertyValues("customerio.track.base-url=http://127.0.0.1:" + customerIo.port())
			.withBean(CustomerIoWebClientCustomizer.class,
					() -> (api, builder) -> builder.clientConnector(counting))
			.run((context) -> identify(context.getBean(TrackClient.class)));

		assertThat(connects).hasValue(1);
	}

	@Test
	void anUnknownSslBundleFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues(httpsBaseUrl()).withPropertyValues(trustBundle("customerio"))
			.withPropertyValues("customerio.track.ssl.bundle=customerioo")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("customerio.track.ssl.bundle")
				.hasMessageContaining("customerioo"));
		this.runner.withPropertyValues("customerio.http.ssl.bundle=nowhere")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("customerio.http.ssl.bundle")
				.hasMessageContaining("nowhere"));
	}

	@Test
	void aProxyPortOutOfRangeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("customerio.http.proxy.host=proxy.internal", "customerio.http.proxy.port=65536")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("customerio.http.proxy.port")
				.hasMessageContaining("65535"));
		this.runner.withPropertyValues("customerio.http.proxy.host=proxy.internal", "customerio.http.proxy.port=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("customerio.http.proxy.port"));
	}

	@Test
	void aProxyHostWithoutAPortFailsStartup() {
		this.runner.withPropertyValues("customerio.http.proxy.host=proxy.internal")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("customerio.http.proxy.port"));
	}

	@Test
	void aProxyUsernameWithoutAPasswordFailsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("customerio.http.proxy.host=proxy.internal", "customerio.http.proxy.port=3128",
					"customerio.http.proxy.username=egress")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("customerio.http.proxy.username")
				.hasMessageContaining("customerio.http.proxy.password"));
	}

	@Test
	void theProxyPasswordNeverAppearsInToString() {
		CustomerIoHttpProperties.Proxy proxy = new CustomerIoHttpProperties.Proxy("proxy.internal", 3128, "egress",
				"proxy-secret", null);

		assertThat(proxy.toString()).doesNotContain("proxy-secret").contains("egress");
		assertThat(proxy.toHttpProxy().toString()).doesNotContain("proxy-secret");
	}

	private static void identify(TrackClient track) {
		track.identify(Identify.person("person-1").build()).block(Duration.ofSeconds(10));
	}

	private static String httpsBaseUrl() {
		return "customerio.track.base-url=https://localhost:" + customerIo.httpsPort();
	}

	private static String[] trustBundle(String name) {
		String prefix = "spring.ssl.bundle.jks." + name + ".truststore.";
		return new String[] { prefix + "location=file:" + tls.trustStore(), prefix + "type=PKCS12",
				prefix + "password=" + SelfSignedCertificates.PASSWORD };
	}

	/** The auto-configured factory, but reading the JVM's proxy properties from the given ones. */
	private static CustomerIoConnectorFactory connectorFactory(Properties jvm) {
		return new CustomerIoConnectorFactory(ClientHttpConnectorBuilder.reactor(), HttpClientSettings.defaults(),
				() -> null, new CustomerIoHttpProperties(new SslProperties(null),
						new CustomerIoHttpProperties.Proxy(null, null, null, null, null)),
				() -> jvm);
	}

	private static void restore(String name, String value) {
		if (value != null) {
			System.setProperty(name, value);
		}
		else {
			System.clearProperty(name);
		}
	}

}
