package io.github.ciospring.sample.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.ciospring.customerio.delivery.BulkProgress;
import io.github.ciospring.customerio.delivery.BulkSummary;
import io.github.ciospring.customerio.delivery.DeliveryStats;
import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.test.sandbox.ApiStats;
import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.track.TrackOperation;
import io.github.ciospring.sample.importer.FailureTally.FailureReason;
import io.github.ciospring.sample.importer.ImportReport.SandboxTraffic;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Imports a CSV of people into Customer.io through the starter's high-volume path: each good row becomes an
 * {@code identify} operation streamed into {@link TrackDeliveryQueue#deliverAll}, which packs them into
 * {@code /api/v2/batch} requests under the Track client's rate limit. Bad rows are skipped and reported with their
 * lines. The file is read twice, once to count its rows (for the progress) and once to send them; memory stays
 * bounded by the delivery queue, whatever the file's length.
 */
@Service
public class ImportJob {

	static final int KEPT_SKIPPED_ROWS = 50;

	private static final Duration FAILURE_HANDLER_WAIT = Duration.ofSeconds(10);

	private final ObjectProvider<TrackDeliveryQueue> queue;

	private final FailureTally failures;

	private final TrackTraffic traffic;

	private final ObjectProvider<CustomerIoSandbox> sandbox;

	public ImportJob(ObjectProvider<TrackDeliveryQueue> queue, FailureTally failures, CustomerIoMeters meters,
			ObjectProvider<CustomerIoSandbox> sandbox) {
		this.queue = queue;
		this.failures = failures;
		this.traffic = new TrackTraffic(meters.registry());
		this.sandbox = sandbox;
	}

	/**
	 * Imports the file and waits for every row's outcome.
	 * @param csv the CSV file: a header row with {@code id} and/or {@code email}, and other columns as attributes
	 * @param tick how often to report progress while waiting
	 * @param onProgress receives the progress every {@code tick}, and once more at the end
	 * @return the report
	 * @throws ImportFailedException if the file cannot be read or the import could not finish
	 */
	public ImportReport run(Resource csv, Duration tick, Consumer<ImportProgress> onProgress) {
		TrackDeliveryQueue deliveryQueue = this.queue.getIfAvailable();
		if (deliveryQueue == null) {
			throw new ImportFailedException("No TrackDeliveryQueue bean: configure the Track API "
					+ "(customerio.track.site-id and api-key) and leave customerio.delivery.enabled on", null);
		}
		String source = describe(csv);
		long total = countRows(csv, source);
		Baseline baseline = new Baseline(deliveryQueue.stats(), this.traffic.rateLimited(), this.traffic.attempts(),
				this.failures.total(), this.failures.snapshot(), sandboxTrack());
		AtomicReference<BulkProgress> latest = new AtomicReference<>(new BulkProgress(0, 0, 0, false));
		AtomicLong skipped = new AtomicLong();
		List<SkippedRow> skippedRows = new ArrayList<>();
		long start = System.nanoTime();
		Flux<TrackOperation> operations = Flux
			.using(() -> open(csv, source), (reader) -> Flux.fromIterable(() -> new CsvReader(reader)), ImportJob::close)
			.<TrackOperation>handle((record, sink) -> toOperation(record, sink, skipped, skippedRows))
			.subscribeOn(Schedulers.boundedElastic());
		CompletableFuture<BulkSummary> result = deliveryQueue.deliverAll(operations, latest::set).toFuture();
		BulkSummary summary = await(result, tick,
				() -> onProgress.accept(progress(deliveryQueue, total, latest.get(), skipped.get(), baseline, start)));
		awaitFailureHandler(baseline.failureCount() + summary.failed());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		onProgress.accept(new ImportProgress(total, summary.delivered(), summary.failed(), skipped.get(),
				this.traffic.rateLimited() - baseline.rateLimited(), elapsed));
		List<SkippedRow> firstSkipped;
		synchronized (skippedRows) {
			firstSkipped = List.copyOf(skippedRows);
		}
		return new ImportReport(source, total, summary.delivered(), summary.failed(),
				this.failures.since(baseline.failures()), skipped.get(), firstSkipped,
				deliveryQueue.stats().requests() - baseline.delivery().requests(),
				deliveryQueue.settings().maxBatchItems(),
				this.traffic.attempts() - baseline.attempts(), this.traffic.rateLimited() - baseline.rateLimited(),
				elapsed, sandboxTraffic(baseline.sandbox()));
	}

	private static void toOperation(CsvRecord record, SynchronousSink<TrackOperation> sink, AtomicLong skipped,
			List<SkippedRow> skippedRows) {
		try {
			sink.next(PersonRow.toIdentify(record));
		}
		catch (PersonRow.RowProblem problem) {
			skipped.incrementAndGet();
			synchronized (skippedRows) {
				if (skippedRows.size() < KEPT_SKIPPED_ROWS) {
					skippedRows.add(SkippedRow.of(problem));
				}
			}
		}
	}

	/**
	 * The progress so far. The bulk delivery reports at most once a second; between its reports the queue's own
	 * counters (which also count other callers' operations, hence the cap) keep the line moving.
	 */
	private ImportProgress progress(TrackDeliveryQueue queue, long total, BulkProgress bulk, long skipped,
			Baseline baseline, long start) {
		DeliveryStats now = queue.stats();
		long rows = Math.max(0, total - skipped);
		long delivered = Math.min(rows, Math.max(bulk.delivered(), now.delivered() - baseline.delivery().delivered()));
		long failed = Math.min(rows - delivered, Math.max(bulk.failed(), now.failed() - baseline.delivery().failed()));
		return new ImportProgress(total, delivered, failed, skipped, this.traffic.rateLimited() - baseline.rateLimited(),
				Duration.ofNanos(System.nanoTime() - start));
	}

	private static BulkSummary await(CompletableFuture<BulkSummary> result, Duration tick, Runnable onTick) {
		while (true) {
			try {
				return result.get(tick.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				onTick.run();
			}
			catch (InterruptedException ex) {
				result.cancel(true);
				Thread.currentThread().interrupt();
				throw new ImportFailedException("The import was interrupted", ex);
			}
			catch (ExecutionException ex) {
				throw new ImportFailedException("The import did not finish: " + ex.getCause().getMessage(),
						ex.getCause());
			}
		}
	}

	/** The queue hands failures to the handler on another thread: let it see this import's before reporting. */
	private void awaitFailureHandler(long count) {
		try {
			this.failures.awaitTotal(count, FAILURE_HANDLER_WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ApiStats sandboxTrack() {
		CustomerIoSandbox running = this.sandbox.getIfAvailable();
		return (running != null) ? running.stats().track() : null;
	}

	private SandboxTraffic sandboxTraffic(ApiStats before) {
		ApiStats after = sandboxTrack();
		if (before == null || after == null) {
			return null;
		}
		return new SandboxTraffic(after.requests() - before.requests(), after.rateLimited() - before.rateLimited(),
				after.acceptedItems() - before.acceptedItems());
	}

	static long countRows(Resource csv, String source) {
		try (Reader reader = open(csv, source)) {
			CsvReader rows = new CsvReader(reader);
			long count = 0;
			while (rows.hasNext()) {
				rows.next();
				count++;
			}
			return count;
		}
		catch (IOException | UncheckedIOException | IllegalArgumentException ex) {
			throw new ImportFailedException(source + ": " + ex.getMessage(), ex);
		}
	}

	private static Reader open(Resource csv, String source) throws IOException {
		if (!csv.exists()) {
			throw new ImportFailedException(source + " does not exist", null);
		}
		return new BufferedReader(new InputStreamReader(csv.getInputStream(), StandardCharsets.UTF_8), 64 * 1024);
	}

	private static void close(Reader reader) {
		try {
			reader.close();
		}
		catch (IOException ex) {
			// read to the end or abandoned: nothing to recover
		}
	}

	static String describe(Resource csv) {
		if (csv instanceof ClassPathResource classPath) {
			return "classpath:" + classPath.getPath();
		}
		if (csv instanceof FileSystemResource file) {
			return file.getPath();
		}
		return csv.getDescription();
	}

	private record Baseline(DeliveryStats delivery, long rateLimited, long attempts, long failureCount,
			Map<FailureReason, Long> failures, ApiStats sandbox) {

	}

}
