package io.github.ciospring.customerio.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.ciospring.customerio.autoconfigure.jvmproxyapp.JvmProxyApp;
import io.github.ciospring.customerio.support.ForwardProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application outside the test JVM reaches Customer.io through the proxy its JVM names
 * ({@code -Dhttp.proxyHost}/{@code -Dhttp.proxyPort}), with no Customer.io proxy setting at all: a separate,
 * cold JVM on the same class path, a base URL on a host that resolves only inside the proxy, arrivals counted by
 * the stand-in behind it.
 */
class JvmProxyProcessTests {

	private static final String UNRESOLVABLE = "track.customerio.invalid";

	private static final int CALLS = 40;

	private final WireMockServer customerIo = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

	private ForwardProxy proxy;

	@BeforeEach
	void start() throws IOException {
		this.customerIo.start();
		this.customerIo.stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
		this.proxy = ForwardProxy.open().route(UNRESOLVABLE, 80, this.customerIo.port());
	}

	@AfterEach
	void stop() throws IOException {
		this.proxy.close();
		this.customerIo.stop();
	}

	@Test
	void everyCallArrivesThroughTheJvmsProxy() throws Exception {
		String output = run(CALLS, "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + this.proxy.port());

		int arrived = this.customerIo.countRequestsMatching(putRequestedFor(urlPathMatching("/api/v1/customers/jvm-proxy-.*"))
			.withHeader("Host", equalTo(UNRESOLVABLE))
			.build()).getCount();
		System.out.println("JVM proxy: " + arrived + " of " + CALLS + " calls arrived through " + this.proxy.tunnels()
				+ " proxy tunnel(s); the app printed: " + result(output));
		assertThat(output).contains("RESULT ok=" + CALLS + " failed=0");
		assertThat(arrived).isEqualTo(CALLS);
		assertThat(this.proxy.tunnels()).isPositive();
	}

	@Test
	void withoutTheJvmsProxyNothingArrives() throws Exception {
		String output = run(3);

		System.out.println("No JVM proxy: the app printed: " + result(output));
		assertThat(output).contains("RESULT ok=0 failed=3");
		assertThat(this.customerIo.getAllServeEvents()).isEmpty();
		assertThat(this.proxy.connectTargets()).isEmpty();
	}

	private String run(int calls, String... jvmOptions) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.addAll(List.of(jvmOptions));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), JvmProxyApp.class.getName(),
				Integer.toString(calls), "--customerio.track.site-id=jvm-site", "--customerio.track.api-key=jvm-key",
				"--customerio.track.base-url=http://" + UNRESOLVABLE, "--customerio.track.retry.max-attempts=1",
				"--spring.main.banner-mode=off", "--logging.level.root=warn"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output;
		try {
			output = process.getInputStream().readAllBytes();
			assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the app finished").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		String text = new String(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(text).isZero();
		return text;
	}

	private static String result(String output) {
		return output.lines().filter((line) -> line.startsWith("RESULT")).findFirst().orElse("(no result)");
	}

}
