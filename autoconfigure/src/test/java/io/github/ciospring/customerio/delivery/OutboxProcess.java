package io.github.ciospring.customerio.delivery;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import com.zaxxer.hikari.HikariDataSource;
import io.github.ciospring.customerio.track.TrackOperation;
import reactor.core.publisher.Flux;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An application using the outbox, run as its own JVM by {@link OutboxCrashTests} and {@link OutboxBenchmark}:
 * <ul>
 * <li>{@code offer <jdbc-url> <server> <count> <accepted-file>}: offers events in transactions of 100, and
 * appends each event id to the file once its transaction committed; then keeps delivering until killed</li>
 * <li>{@code deliver <jdbc-url> <server>}: delivers what the outbox holds, prints {@code DRAINED} and exits</li>
 * <li>{@code bench <jdbc-url> <server> <count>}: prints the latency of offers in a transaction, then stores
 * {@code count} events with {@code deliverAll} and prints events per second until the outbox is empty</li>
 * </ul>
 * Batches of 1000, 4 requests in flight, a 20 s claim timeout after which a restart takes a killed instance's
 * claims back.
 */
public final class OutboxProcess {

	static final int CONCURRENCY = 4;

	static final int BATCH = 1000;

	/**
	 * Clearly longer than one send can take (5 s response timeout, 3 attempts): a live instance's claim never
	 * ends while its batch is in flight; a killed instance's claims come back after it.
	 */
	static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(20);

	private OutboxProcess() {
	}

	public static void main(String[] args) throws Exception {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(args[1]);
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(8);
		JdbcDeliveryStore store = JdbcDeliveryStore.builder(dataSource)
			.pollInterval(Duration.ofMillis(200))
			.claimTimeout(CLAIM_TIMEOUT)
			.build();
		TrackDeliveryQueue queue = TrackDeliveryQueue.builder(DeliveryFixtures.trackClient(args[2], 3))
			.settings(new DeliverySettings(100_000, 64L * 1024 * 1024, BATCH, DeliverySettings.MAX_BATCH_BYTES, Duration.ofMillis(50),
					CONCURRENCY, Duration.ZERO, Duration.ofSeconds(5), 3, Duration.ofMillis(200)))
			.store(store)
			.build();
		TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		switch (args[0]) {
			case "offer" -> offer(queue, transaction, Integer.parseInt(args[3]), Path.of(args[4]));
			case "deliver" -> {
				awaitEmpty(jdbc);
				System.out.println("DRAINED");
			}
			case "bench" -> bench(queue, transaction, jdbc, Integer.parseInt(args[3]));
			default -> throw new IllegalArgumentException(Arrays.toString(args));
		}
		queue.close();
		dataSource.close();
		System.exit(0);
	}

	private static void offer(TrackDeliveryQueue queue, TransactionTemplate transaction, int count, Path accepted)
			throws IOException, InterruptedException {
		try (BufferedWriter out = Files.newBufferedWriter(accepted)) {
			for (int i = 0; i < count; i += 100) {
				List<TrackOperation> events = new ArrayList<>();
				for (int j = i; j < Math.min(count, i + 100); j++) {
					events.add(DeliveryFixtures.event(j));
				}
				transaction.executeWithoutResult((status) -> events.forEach(queue::offer));
				for (TrackOperation event : events) {
					out.write(event.id());
					out.newLine();
				}
				out.flush();
			}
		}
		System.out.println("OFFERED " + count);
		Thread.sleep(Long.MAX_VALUE);
	}

	private static void bench(TrackDeliveryQueue queue, TransactionTemplate transaction, JdbcTemplate jdbc, int count)
			throws InterruptedException {
		int warmup = 5_000;
		int measured = 20_000;
		long[] offers = new long[measured];
		long[] transactions = new long[measured];
		for (int i = 0; i < warmup + measured; i++) {
			TrackOperation event = DeliveryFixtures.event(i);
			long[] offer = new long[1];
			long start = System.nanoTime();
			CompletableFuture<DeliveryResult> handle = transaction.execute((status) -> {
				long before = System.nanoTime();
				CompletableFuture<DeliveryResult> offered = queue.offer(event);
				offer[0] = System.nanoTime() - before;
				return offered;
			});
			long took = System.nanoTime() - start;
			if (i >= warmup) {
				offers[i - warmup] = offer[0];
				transactions[i - warmup] = took;
			}
			handle.join();
		}
		print("OFFER_IN_TX (the offer call inside an open transaction)", offers);
		print("WHOLE_TX (begin, offer, commit with fsync)", transactions);
		awaitEmpty(jdbc);
		long start = System.nanoTime();
		BulkSummary summary = queue.deliverAll(Flux.range(0, count).map(DeliveryFixtures::event)).block();
		long stored = System.nanoTime() - start;
		awaitEmpty(jdbc);
		long all = System.nanoTime() - start;
		System.out.printf("THROUGHPUT events=%d stored_in=%.2fs (%.0f/s) delivered_in=%.2fs (%.0f events/s end to end)%n",
				summary.delivered(), stored / 1e9, summary.delivered() / (stored / 1e9), all / 1e9,
				summary.delivered() / (all / 1e9));
	}

	private static void print(String what, long[] nanos) {
		Arrays.sort(nanos);
		int n = nanos.length;
		System.out.printf("%s n=%d p50=%.3fms p99=%.3fms p999=%.3fms max=%.3fms%n", what, n, nanos[n / 2] / 1e6,
				nanos[n * 99 / 100] / 1e6, nanos[n * 999 / 1000] / 1e6, nanos[n - 1] / 1e6);
	}

	private static void awaitEmpty(JdbcTemplate jdbc) throws InterruptedException {
		while (jdbc.queryForObject("SELECT COUNT(*) FROM CUSTOMERIO_DELIVERY_OUTBOX", Long.class) > 0) {
			Thread.sleep(20);
		}
	}

}
