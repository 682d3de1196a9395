package io.github.ciospring.sample.container;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.sample.importer.ImportJob;
import io.github.ciospring.sample.importer.ImportReport;
import io.github.ciospring.sample.importer.PeopleCsvGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.wiremock.integrations.testcontainers.WireMockContainer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import end to end against WireMock in a container (the {@code wiremock/wiremock} image), as a real
 * Customer.io stands apart from the app: every row arrives exactly once, with the configured credentials. Runs
 * where Docker is available; elsewhere JUnit reports it skipped ("disabledWithoutDocker is true and Docker is not
 * available"). {@code ImportEndToEndTests} is the embedded twin that always runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "sample.sandbox.enabled=false", "customerio.track.site-id=" + ImportAgainstWireMockContainerTests.SITE_ID,
				"customerio.track.api-key=" + ImportAgainstWireMockContainerTests.API_KEY })
class ImportAgainstWireMockContainerTests {

	static final String SITE_ID = "container-site";

	static final String API_KEY = "container-track-key";

	private static final String BATCH_STUB = """
			{
			  "request": {
			    "method": "POST",
			    "urlPath": "/api/v2/batch",
			    "basicAuthCredentials": { "username": "%s", "password": "%s" }
			  },
			  "response": { "status": 200, "headers": { "Content-Type": "application/json" }, "body": "{}" }
			}
			""".formatted(SITE_ID, API_KEY);

	@Container
	static final WireMockContainer customerIo = new WireMockContainer("wiremock/wiremock:3.13.2")
		.withMappingFromJSON("batch", BATCH_STUB);

	@DynamicPropertySource
	static void customerIoBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("customerio.track.base-url", customerIo::getBaseUrl);
	}

	@Autowired
	private ImportJob job;

	@TempDir
	Path directory;

	@Test
	void everyRowArrivesExactlyOnce() throws IOException {
		Path csv = this.directory.resolve("people.csv");
		try (Writer writer = Files.newBufferedWriter(csv)) {
			new PeopleCsvGenerator(3, "container-").write(writer, 5000);
		}

		ImportReport report = this.job.run(new FileSystemResource(csv), Duration.ofSeconds(1), (progress) -> {
		});

		assertThat(report.delivered()).isEqualTo(5000);
		assertThat(report.failed()).isZero();
		assertThat(report.rateLimited()).isZero();
		List<String> ids = receivedIds();
		assertThat(ids).as("items received").hasSize(5000);
		assertThat(new HashSet<>(ids)).as("distinct people received").hasSize(5000);
	}

	/** The {@code identifiers.id} of every batch item the container received, from its request journal. */
	private static List<String> receivedIds() {
		ObjectMapper json = JsonMapper.builder().build();
		WireMock admin = new WireMock(customerIo.getHost(), customerIo.getPort());
		List<LoggedRequest> batches = admin.find(postRequestedFor(urlPathEqualTo("/api/v2/batch")));
		return batches.stream()
			.map((request) -> json.readTree(request.getBodyAsString()).get("batch"))
			.flatMap((batch) -> batch.valueStream())
			.map((item) -> item.get("identifiers").get("id").asString())
			.toList();
	}

}
