package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.delivery.DeliveryRejectedException.Reason;
import io.github.ciospring.customerio.track.TrackOperation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.MonoSink;

/**
 * One bulk import: reads the stream one operation at a time, requesting the next only once the previous one was
 * admitted, so the stream waits while the queue is full. An operation that does not fit is parked and admitted
 * when space is released.
 */
final class BulkDelivery extends BaseSubscriber<TrackOperation> {

	private static final Log logger = LogFactory.getLog(BulkDelivery.class);

	private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Admission queue;

	private final MonoSink<BulkSummary> sink;

	private final Consumer<BulkProgress> progress;

	private final LongSupplier nanoClock;

	private final long start;

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	/** Operations read from the stream; written only by the (serialized) onNext. */
	private volatile long total;

	/** Read but neither delivered nor failed: at most the one refused at shutdown. */
	private volatile long refused;

	private volatile boolean upstreamDone;

	private volatile Throwable error;

	private final AtomicReference<PendingOperation> parked = new AtomicReference<>();

	private final AtomicLong nextProgressAt;

	private final AtomicBoolean finished = new AtomicBoolean();

	private boolean finalProgressReported;

	BulkDelivery(Admission queue, MonoSink<BulkSummary> sink, Consumer<BulkProgress> progress,
			LongSupplier nanoClock) {
		this.queue = queue;
		this.sink = sink;
		this.progress = progress;
		this.nanoClock = nanoClock;
		this.start = nanoClock.getAsLong();
		this.nextProgressAt = new AtomicLong(this.start + PROGRESS_INTERVAL_NANOS);
	}

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
		request(1);
	}

	@Override
	protected void hookOnNext(TrackOperation operation) {
		this.total++;
		byte[] json;
		try {
			json = this.queue.encodeForBulk(operation);
		}
		catch (RuntimeException ex) {
			// over a limit, or not writable as JSON at all: either way it settles here, as a failure
			this.queue.invalid(operation, ex);
			this.failed.incrementAndGet();
			request(1);
			return;
		}
		admit(new PendingOperation(operation, json, null, this));
	}

	private void admit(PendingOperation item) {
		switch (this.queue.admitFromBulk(item)) {
			case ACCEPTED -> request(1);
			case FULL -> park(item);
			case CLOSED -> {
				this.queue.bulkRejected();
				this.refused = 1;
				this.error = new DeliveryRejectedException(Reason.SHUTTING_DOWN,
						"Customer.io delivery queue shut down during a bulk import; the rest of the stream was not read");
				this.upstreamDone = true;
				cancel();
				maybeFinish();
			}
		}
	}

	private void park(PendingOperation item) {
		this.parked.set(item);
		this.queue.onRelease(this::resume);
		if (this.queue.bulkHasRoom(item.json.length)) {
			resume();
		}
	}

	private void resume() {
		PendingOperation item = this.parked.getAndSet(null);
		if (item != null) {
			admit(item);
		}
	}

	@Override
	protected void hookOnComplete() {
		this.upstreamDone = true;
		maybeFinish();
	}

	@Override
	protected void hookOnError(Throwable throwable) {
		this.error = throwable;
		this.upstreamDone = true;
		maybeFinish();
	}

	/** One of this import's operations settled. */
	void settled(DeliveryResult result) {
		if (result.isDelivered()) {
			this.delivered.incrementAndGet();
		}
		else {
			this.failed.incrementAndGet();
		}
		long now = this.nanoClock.getAsLong();
		long next = this.nextProgressAt.get();
		if (now - next >= 0 && this.nextProgressAt.compareAndSet(next, now + PROGRESS_INTERVAL_NANOS)) {
			report(new BulkProgress(this.delivered.get(), this.failed.get(), this.total, false));
		}
		maybeFinish();
	}

	private void maybeFinish() {
		if (!this.upstreamDone || this.parked.get() != null) {
			return;
		}
		long read = this.total;
		long deliveredCount = this.delivered.get();
		long failedCount = this.failed.get();
		if (deliveredCount + failedCount + this.refused < read || !this.finished.compareAndSet(false, true)) {
			return;
		}
		report(new BulkProgress(deliveredCount, failedCount, read, true));
		if (this.error != null) {
			this.sink.error(this.error);
		}
		else {
			this.sink.success(new BulkSummary(deliveredCount, failedCount, read,
					Duration.ofNanos(this.nanoClock.getAsLong() - this.start)));
		}
	}

	private synchronized void report(BulkProgress snapshot) {
		if (this.finalProgressReported) {
			return;
		}
		this.finalProgressReported = snapshot.finished();
		try {
			this.progress.accept(snapshot);
		}
		catch (RuntimeException ex) {
			logger.warn("Customer.io bulk delivery progress callback threw " + ex.getClass().getName());
		}
	}

}
