package io.github.ciospring.customerio.delivery;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.BATCH_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application offering 30,000 events into the outbox on a real PostgreSQL is killed with SIGKILL while
 * batches are in flight, then started again: every event whose transaction committed reaches the stand-in
 * server, and the only repeats are events of batches that were in flight at the kill, with the same ids: at most
 * {@code concurrency} batches (a batch keeps its slot from its claim until its rows are deleted), so at most
 * concurrency x batch size events.
 */
class OutboxCrashTests {

	private static final int EVENTS = 30_000;

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static EmbeddedPostgres postgres;

	@TempDir
	Path directory;

	@BeforeAll
	static void start() throws IOException {
		postgres = EmbeddedPostgres.start();
		new ResourceDatabasePopulator(
				new ClassPathResource("io/github/ciospring/customerio/delivery/schema-postgresql.sql"))
			.execute(postgres.getPostgresDatabase());
	}

	@AfterAll
	static void stop() throws IOException {
		postgres.close();
	}

	@Test
	void sigkillMidDeliveryLosesNoCommittedEventAndRepeatsOnlyInFlightBatches() throws Exception {
		// slow answers keep batches in flight when the kill comes
		server.stubFor(post(BATCH_PATH).willReturn(ok("{}").withFixedDelay(1000)));
		String url = postgres.getJdbcUrl("postgres", "postgres");
		Path accepted = this.directory.resolve("accepted.txt");

		Process first = fork("first", "offer", url, server.baseUrl(), String.valueOf(EVENTS), accepted.toString());
		Path firstLog = this.directory.resolve("first.log");
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
			.until(() -> Files.exists(firstLog) && Files.readString(firstLog).contains("OFFERED"));
		first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		// requests written just before the kill may still be on their way into the server's log
		await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(1)).until(() -> requests().size(),
				(count) -> count == requests().size());
		List<LoggedRequest> beforeKill = requests();
		Set<String> acceptedIds = new HashSet<>(Files.readAllLines(accepted));
		acceptedIds.remove("");
		long left = new JdbcTemplate(postgres.getPostgresDatabase())
			.queryForObject("SELECT COUNT(*) FROM CUSTOMERIO_DELIVERY_OUTBOX", Long.class);
		assertThat(left).as("rows left by the killed instance").isPositive();

		Process second = fork("second", "deliver", url, server.baseUrl());
		assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
		assertThat(second.exitValue()).isZero();

		// each id sent before the kill, with the request (batch) that first carried it
		Map<String, Integer> firstBatch = new HashMap<>();
		for (int i = 0; i < beforeKill.size(); i++) {
			int batch = i;
			DeliveryFixtures.ids(beforeKill.get(i).getBody()).forEach((id) -> firstBatch.putIfAbsent(id, batch));
		}
		Map<String, Integer> received = new HashMap<>();
		requests().forEach((request) -> DeliveryFixtures.ids(request.getBody())
			.forEach((id) -> received.merge(id, 1, Integer::sum)));
		long repeats = received.values().stream().mapToLong((count) -> count - 1).sum();
		Set<Integer> repeatedBatches = new HashSet<>();
		Set<String> repeatedButNotSentBeforeKill = new HashSet<>();
		received.forEach((id, count) -> {
			if (count > 1) {
				Integer batch = firstBatch.get(id);
				if (batch == null) {
					repeatedButNotSentBeforeKill.add(id);
				}
				else {
					repeatedBatches.add(batch);
				}
			}
		});
		System.out.printf("CRASH accepted=%d (file) received=%d distinct, repeats=%d from %d batches sent before the"
				+ " kill (%d repeated ids not sent before it), rows left at kill=%d, requests before kill=%d, all=%d%n",
				acceptedIds.size(), received.size(), repeats, repeatedBatches.size(),
				repeatedButNotSentBeforeKill.size(), left, beforeKill.size(), requests().size());
		assertThat(repeatedButNotSentBeforeKill).as("repeated events that were not in flight at the kill").isEmpty();
		assertThat(acceptedIds).as("committed before the kill").hasSize(EVENTS);
		assertThat(received.keySet()).as("every committed event arrived").containsAll(acceptedIds);
		// a batch keeps its slot until its rows are deleted: at most concurrency batches were claimed at the kill
		assertThat(repeatedBatches).as("batches claimed and not deleted at the kill")
			.hasSizeLessThanOrEqualTo(OutboxProcess.CONCURRENCY);
		assertThat(repeats).isLessThanOrEqualTo((long) OutboxProcess.CONCURRENCY * OutboxProcess.BATCH);
	}

	private static List<LoggedRequest> requests() {
		return server.findAll(postRequestedFor(urlEqualTo(BATCH_PATH)));
	}

	private Process fork(String name, String... args) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
				System.getProperty("java.class.path"), OutboxProcess.class.getName()));
		command.addAll(List.of(args));
		File log = this.directory.resolve(name + ".log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

}
