package io.github.ciospring.customerio.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox on a real PostgreSQL (embedded binary), measured in a separate cold JVM ({@link OutboxProcess}
 * {@code bench}): the latency of {@code offer} inside a transaction (20,000 single-offer transactions after 5,000
 * of warm-up, pooled connections), then 200,000 events through {@code deliverAll} (JDBC batch inserts) until the
 * outbox is empty (the PostgreSQL driver's {@code reWriteBatchedInserts=true}, as the README recommends), against
 * a local server that answers at once and counts every event id. Figures are printed,
 * never asserted; only correctness (every event arrived) is asserted, repeats are printed.
 * <p>
 * Run: {@code mvn -B -pl autoconfigure test -Dgroups=benchmark -DexcludedGroups=none -Dtest=OutboxBenchmark}
 */
@Tag("benchmark")
class OutboxBenchmark {

	private static final int EVENTS = 200_000;

	@TempDir
	Path directory;

	@Test
	void offerLatencyInATransactionAndThroughputThroughTheOutbox() throws Exception {
		Set<String> ids = ConcurrentHashMap.newKeySet();
		AtomicLong duplicates = new AtomicLong();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/api/v2/batch", (request, response) -> request.receive()
				.aggregate()
				.asByteArray()
				.flatMap((body) -> {
					for (String id : DeliveryFixtures.ids(body)) {
						if (!ids.add(id)) {
							duplicates.incrementAndGet();
						}
					}
					return response.status(200).header("Content-Type", "application/json")
						.sendString(Mono.just("{}")).then();
				})))
			.bindNow();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
			new ResourceDatabasePopulator(
					new ClassPathResource("io/github/ciospring/customerio/delivery/schema-postgresql.sql"))
				.execute(postgres.getPostgresDatabase());
			Path log = this.directory.resolve("bench.log");
			String java = ProcessHandle.current().info().command().orElse("java");
			Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
					OutboxProcess.class.getName(), "bench",
					postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true",
					"http://127.0.0.1:" + server.port(), String.valueOf(EVENTS)))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
			for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
				if (line.startsWith("OFFER_IN_TX") || line.startsWith("WHOLE_TX") || line.startsWith("THROUGHPUT")) {
					System.out.println(line);
				}
			}
			System.out.printf("SERVER distinct=%d duplicates=%d%n", ids.size(), duplicates.get());
			// at least once: a batch resent after a lost answer repeats its ids (Customer.io drops them); none lost
			assertThat(ids).hasSize(25_000 + EVENTS);
		}
		finally {
			server.disposeNow();
		}
	}

}
