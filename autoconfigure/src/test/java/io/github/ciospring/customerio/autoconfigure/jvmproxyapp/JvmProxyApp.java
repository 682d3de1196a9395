package io.github.ciospring.customerio.autoconfigure.jvmproxyapp;

import java.time.Duration;

import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application as a user writes it, run in its own JVM by {@code JvmProxyProcessTests}: it knows nothing of
 * proxies; the JVM's {@code -Dhttp.proxyHost}/{@code -Dhttp.proxyPort} are the only hint. Sends the number of
 * identify calls given as the first argument and prints {@code RESULT ok=<n> failed=<n>}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class JvmProxyApp {

	public static void main(String[] args) {
		int calls = Integer.parseInt(args[0]);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JvmProxyApp.class)
			.web(WebApplicationType.NONE)
			.run(args)) {
			TrackClient track = context.getBean(TrackClient.class);
			int ok = 0;
			int failed = 0;
			for (int i = 0; i < calls; i++) {
				try {
					track.identify(Identify.person("jvm-proxy-" + i).build()).block(Duration.ofSeconds(30));
					ok++;
				}
				catch (RuntimeException ex) {
					failed++;
					System.out.println("FAILED " + ex.getMessage());
				}
			}
			System.out.println("RESULT ok=" + ok + " failed=" + failed);
		}
	}

}
