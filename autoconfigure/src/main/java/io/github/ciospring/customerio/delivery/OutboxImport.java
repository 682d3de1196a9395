package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.delivery.DeliveryRejectedException.Reason;
import io.github.ciospring.customerio.track.TrackOperation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An import into a durable store: the stream is read in chunks of {@code maxBatchItems}, each inserted with one
 * JDBC batch on a bounded-elastic thread, and the next chunk is read only once that one is stored. The summary
 * counts stored operations as {@code delivered}: from then on the outbox delivers them, and a failure goes to
 * the failure handler of the instance that meets it.
 */
final class OutboxImport {

	private static final Log logger = LogFactory.getLog(OutboxImport.class);

	private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Admission admission;

	private final DeliveryStore store;

	private final Consumer<BulkProgress> progress;

	private final LongSupplier nanoClock;

	private final AtomicLong stored = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong total = new AtomicLong();

	private long start;

	private long nextProgressAt;

	OutboxImport(Admission admission, DeliveryStore store, Consumer<BulkProgress> progress, LongSupplier nanoClock) {
		this.admission = admission;
		this.store = store;
		this.progress = progress;
		this.nanoClock = nanoClock;
	}

	Mono<BulkSummary> run(Flux<TrackOperation> operations, int chunk) {
		return Mono.defer(() -> {
			this.start = this.nanoClock.getAsLong();
			this.nextProgressAt = this.start + PROGRESS_INTERVAL_NANOS;
			return operations.buffer(chunk)
				.concatMap((each) -> Mono.fromRunnable(() -> store(each)).subscribeOn(Schedulers.boundedElastic()))
				.then(Mono.fromCallable(this::finish));
		});
	}

	private void store(List<TrackOperation> operations) {
		if (this.admission.isClosing()) {
			this.admission.bulkRejected();
			throw new DeliveryRejectedException(Reason.SHUTTING_DOWN,
					"Customer.io delivery queue shut down during a bulk import; the rest of the stream was not stored");
		}
		List<byte[]> encoded = new ArrayList<>(operations.size());
		for (TrackOperation operation : operations) {
			try {
				encoded.add(this.admission.encodeForBulk(operation));
			}
			catch (RuntimeException ex) {
				this.admission.invalid(operation, ex);
				this.failed.incrementAndGet();
			}
		}
		if (!encoded.isEmpty()) {
			this.store.addAll(encoded);
			this.admission.accepted.add(encoded.size());
			this.stored.addAndGet(encoded.size());
		}
		this.total.addAndGet(operations.size());
		long now = this.nanoClock.getAsLong();
		if (now - this.nextProgressAt >= 0) {
			this.nextProgressAt = now + PROGRESS_INTERVAL_NANOS;
			report(false);
		}
	}

	private BulkSummary finish() {
		report(true);
		return new BulkSummary(this.stored.get(), this.failed.get(), this.total.get(),
				Duration.ofNanos(this.nanoClock.getAsLong() - this.start));
	}

	private void report(boolean finished) {
		try {
			this.progress.accept(new BulkProgress(this.stored.get(), this.failed.get(), this.total.get(), finished));
		}
		catch (RuntimeException ex) {
			logger.warn("Customer.io bulk delivery progress callback threw " + ex.getClass().getName());
		}
	}

}
