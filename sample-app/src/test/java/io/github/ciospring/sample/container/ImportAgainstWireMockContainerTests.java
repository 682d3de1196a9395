package io.github.ciospring.sample.container;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import io.github.ciospring.customerio.test.testcontainers.CustomerIoWireMockContainer;
import io.github.ciospring.sample.importer.ImportJob;
import io.github.ciospring.sample.importer.ImportReport;
import io.github.ciospring.sample.importer.PeopleCsvGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import end to end against WireMock in a container (the test kit's {@link CustomerIoWireMockContainer},
 * connected by {@code @ServiceConnection}), as a real Customer.io stands apart from the app: every row arrives
 * exactly once. Runs where Docker is available; elsewhere JUnit reports it skipped ("disabledWithoutDocker is true
 * and Docker is not available"). {@code ImportEndToEndTests} is the embedded twin that always runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "sample.sandbox.enabled=false", "customerio.track.enabled=true" })
class ImportAgainstWireMockContainerTests {

	@Container
	@ServiceConnection
	static final CustomerIoWireMockContainer customerIo = new CustomerIoWireMockContainer();

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

	/** The {@code identifiers.id} of every batch item the container received. */
	private static List<String> receivedIds() {
		ObjectMapper json = JsonMapper.builder().build();
		return customerIo.requestBodies("POST", "/api/v2/batch")
			.stream()
			.map((body) -> json.readTree(body).get("batch"))
			.flatMap((batch) -> batch.valueStream())
			.map((item) -> item.get("identifiers").get("id").asString())
			.toList();
	}

}
