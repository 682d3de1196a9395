package io.github.ciospring.customerio.http;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpProxyTests {

	@Test
	void noProxyWhenTheSchemesHostIsNotSet() {
		Properties jvm = properties("https.proxyHost", "secure.proxy");

		assertThat(HttpProxy.fromSystemProperties(jvm, "http")).isNull();
		assertThat(HttpProxy.fromSystemProperties(new Properties(), "https")).isNull();
		assertThat(HttpProxy.fromSystemProperties(properties("http.proxyHost", " "), "http")).isNull();
	}

	@Test
	void httpsUsesTheHttpsPropertiesAndDefaultsTo443() {
		HttpProxy proxy = HttpProxy.fromSystemProperties(properties("https.proxyHost", "secure.proxy",
				"http.proxyHost", "plain.proxy", "http.proxyPort", "3128"), "https");

		assertThat(proxy.host()).isEqualTo("secure.proxy");
		assertThat(proxy.port()).isEqualTo(443);
	}

	@Test
	void httpUsesTheHttpPropertiesAndDefaultsTo80() {
		assertThat(HttpProxy.fromSystemProperties(properties("http.proxyHost", "plain.proxy"), "http").port())
			.isEqualTo(80);
		assertThat(HttpProxy.fromSystemProperties(properties("http.proxyHost", "plain.proxy", "http.proxyPort", "3128"),
				"HTTP").port()).isEqualTo(3128);
	}

	@Test
	void aBadPortNamesTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpProxy.fromSystemProperties(
					properties("http.proxyHost", "p", "http.proxyPort", "eighty"), "http"))
			.withMessageContaining("http.proxyPort");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpProxy.fromSystemProperties(
					properties("https.proxyHost", "p", "https.proxyPort", "70000"), "https"))
			.withMessageContaining("https.proxyPort")
			.withMessageContaining("65535");
	}

	@Test
	void proxyUserAndPasswordGiveAuthentication() {
		HttpProxy proxy = HttpProxy.fromSystemProperties(
				properties("http.proxyHost", "p", "http.proxyUser", "egress", "http.proxyPassword", "s3cret"), "http");

		assertThat(proxy.username()).isEqualTo("egress");
		assertThat(proxy.password()).isEqualTo("s3cret");
		assertThat(proxy.toString()).doesNotContain("s3cret");
	}

	@Test
	void loopbackIsNeverProxiedByDefault() {
		HttpProxy proxy = HttpProxy.fromSystemProperties(properties("http.proxyHost", "p"), "http");

		assertThat(proxy.bypasses("localhost")).isTrue();
		assertThat(proxy.bypasses("127.0.0.1")).isTrue();
		assertThat(proxy.bypasses("::1")).isTrue();
		assertThat(proxy.bypasses("track.customer.io")).isFalse();
	}

	@Test
	void nonProxyHostsAreGlobsIgnoringCase() {
		HttpProxy proxy = new HttpProxy("p", 3128, null, null, List.of("*.internal", "Track.Example.COM", " "));

		assertThat(proxy.bypasses("billing.internal")).isTrue();
		assertThat(proxy.bypasses("track.example.com")).isTrue();
		assertThat(proxy.bypasses("internal")).isFalse();
		assertThat(proxy.bypasses("track.example.com.evil")).isFalse();
		assertThat(proxy.bypasses("a+b.internal")).isTrue();
		assertThat(proxy.bypasses(null)).isFalse();
	}

	@Test
	void invalidSettingsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpProxy(" ", 80, null, null, null))
			.withMessageContaining("host");
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpProxy("p", 0, null, null, null))
			.withMessageContaining("port");
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpProxy("p", 65536, null, null, null))
			.withMessageContaining("65535");
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpProxy("p", 80, "u", null, null))
			.withMessageContaining("password");
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpProxy("p", 80, null, "pw", null))
			.withMessageContaining("username");
		assertThat(new HttpProxy("p", 65535, null, null, null).nonProxyHosts()).isEmpty();
	}

	@Test
	void theSchemeOfABaseUrl() {
		assertThat(ReactorConnectors.schemeOf("http://track.customer.io")).isEqualTo("http");
		assertThat(ReactorConnectors.schemeOf("https://track.customer.io")).isEqualTo("https");
		assertThat(ReactorConnectors.schemeOf("track.customer.io")).isEqualTo("https");
		assertThat(ReactorConnectors.schemeOf("http://bad host")).isEqualTo("https");
	}

	private static Properties properties(String... namesAndValues) {
		Properties properties = new Properties();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
		}
		return properties;
	}

}
