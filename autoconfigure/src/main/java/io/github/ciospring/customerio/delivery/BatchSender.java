package io.github.ciospring.customerio.delivery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.track.BatchResult;
import io.github.ciospring.customerio.track.TrackClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends batches and settles their operations. {@link #send(Batch)} runs on the drain loop; answers arrive on
 * network threads, so everything here is thread-safe: the {@link #outstanding} set, the counters, and each
 * operation's single settlement ({@link PendingOperation#settle()}). Failures go to the failure handler on the
 * handler scheduler through the {@link FailureHandoff}, which counts them until it has seen them.
 * <p>
 * With a durable store, settling touches the database: it moves to the handler scheduler, hands the failures
 * to the handler there and only then removes the rows, so a crash between the two repeats a failure rather than
 * losing it.
 */
final class BatchSender {

	private static final Log logger = LogFactory.getLog(BatchSender.class);

	private final TrackClient client;

	private final DeliverySettings settings;

	private final Capacity capacity;

	private final DeliveryStore store;

	private final DrainLoop loop;

	/** Batches sent and not yet settled: in flight or waiting to be sent again. */
	private final Set<Batch> outstanding = ConcurrentHashMap.newKeySet();

	/**
	 * Request slots taken, at most {@code concurrency}. In memory a batch holds one while its request is in flight.
	 * In the outbox a batch holds one from its claim until its rows are deleted or released, through redeliveries
	 * and the delete after the answer: so this instance never has more than {@code concurrency} batches claimed,
	 * and a crash can repeat no others.
	 */
	private final AtomicInteger inFlight = new AtomicInteger();

	final AtomicLong delivered = new AtomicLong();

	final AtomicLong failed = new AtomicLong();

	final AtomicLong requests = new AtomicLong();

	final AtomicLong redeliveries = new AtomicLong();

	private final FailureHandoff handoff;

	BatchSender(TrackClient client, DeliverySettings settings, DeliveryFailureHandler failureHandler,
			Scheduler handlerScheduler, Capacity capacity, DeliveryStore store, DrainLoop loop) {
		this.client = client;
		this.settings = settings;
		this.capacity = capacity;
		this.store = store;
		this.loop = loop;
		this.handoff = new FailureHandoff(failureHandler, handlerScheduler, loop);
	}

	/** The failures handed to the failure handler so far, by kind; kinds with none left out. */
	Map<Kind, Long> handedOver() {
		return this.handoff.handedOver();
	}

	/** Hands failures to the handler on the handler scheduler. */
	void handOver(List<DeliveryFailure> failures) {
		this.handoff.handOver(failures);
	}

	int inFlight() {
		return this.inFlight.get();
	}

	/** Whether nothing is in flight, waiting to be sent again, or waiting for the failure handler. */
	boolean isIdle() {
		return this.outstanding.isEmpty() && this.handoff.isIdle();
	}

	/** Whether the failure handler has seen every failure handed over. */
	boolean isHandlerIdle() {
		return this.handoff.isIdle();
	}

	/** Sends a batch taken from the store, in a slot of its own. */
	void send(Batch batch) {
		this.inFlight.incrementAndGet();
		this.outstanding.add(batch);
		request(batch);
	}

	/** Sends a batch again after its redelivery delay; in the outbox it kept its slot meanwhile. */
	void resend(Batch batch) {
		if (!this.store.isDurable()) {
			this.inFlight.incrementAndGet();
		}
		request(batch);
	}

	private void request(Batch batch) {
		this.requests.incrementAndGet();
		batch.request = Mono.defer(() -> this.client.sendBatch(batch.body))
			.subscribe((result) -> answered(batch, result), (error) -> failedRequest(batch, error));
	}

	private void answered(Batch batch, BatchResult result) {
		this.outstanding.remove(batch);
		if (result.isAllAccepted()) {
			DeliveryResult[] results = new DeliveryResult[batch.count];
			Arrays.fill(results, DeliveryResult.delivered());
			settle(batch.items, batch.count, results);
		}
		else {
			settle(batch.items, batch.count, PartialSuccess.results(batch, result));
		}
		freeSlotUnlessDurable();
	}

	/** In memory a slot is free once the answer is settled; the outbox frees it after the delete. */
	private void freeSlotUnlessDurable() {
		if (!this.store.isDurable()) {
			this.inFlight.decrementAndGet();
			this.loop.signal();
		}
	}


	private void failedRequest(Batch batch, Throwable error) {
		RequestFailure kind = RequestFailure.of(error);
		if (kind == RequestFailure.TRANSIENT && batch.redeliveries < this.settings.redeliveryAttempts()
				&& !this.loop.isDeadlinePassed()) {
			batch.redeliveries++;
			this.redeliveries.incrementAndGet();
			this.loop.redeliverLater(batch);
			freeSlotUnlessDurable();
			return;
		}
		else if (kind == RequestFailure.ACCEPTED) {
			logger.warn("Customer.io accepted a batch of " + batch.count + " operations but its answer could not be"
					+ " read (" + error.getMessage() + "); counted as delivered");
			answered(batch, BatchResult.allAccepted());
			return;
		}
		else {
			this.outstanding.remove(batch);
			int status = (error instanceof CustomerIoApiException api) ? api.getStatusCode() : 0;
			Kind failure = (kind == RequestFailure.TRANSIENT) ? Kind.RETRIES_EXHAUSTED : Kind.REQUEST_REJECTED;
			settle(batch.items, batch.count, (item) -> new DeliveryFailure(item.operation(), failure, status, null, null,
					String.valueOf(error.getMessage())));
		}
		freeSlotUnlessDurable();
	}

	void settle(PendingOperation[] items, int count, Function<PendingOperation, DeliveryFailure> failure) {
		DeliveryResult[] results = new DeliveryResult[count];
		for (int i = 0; i < count; i++) {
			results[i] = DeliveryResult.failed(failure.apply(items[i]));
		}
		settle(items, count, results);
	}

	/**
	 * Settles the operations that nobody settled before: counts them, frees their space and hands the failures
	 * over first, so whoever sees a completion also sees the counts, then completes them.
	 */
	private void settle(PendingOperation[] items, int count, DeliveryResult[] results) {
		long deliveredCount = 0;
		long bytes = 0;
		List<DeliveryFailure> failures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (!items[i].settle()) {
				results[i] = null;
				continue;
			}
			bytes += items[i].json.length;
			if (results[i].isDelivered()) {
				deliveredCount++;
			}
			else {
				failures.add(results[i].failure());
			}
		}
		if (this.store.isDurable()) {
			settleDurably(items, count, deliveredCount, failures);
			return;
		}
		// the handler task is counted before the space is freed: the drain loop may see the queue empty at once,
		// and must not end the shutdown before the handler has these failures
		boolean handOver = !failures.isEmpty();
		if (handOver) {
			this.handoff.begin();
		}
		this.delivered.addAndGet(deliveredCount);
		this.failed.addAndGet(failures.size());
		this.capacity.release(deliveredCount + failures.size(), bytes);
		if (handOver) {
			this.handoff.dispatch(() -> this.handoff.handle(failures));
		}
		for (int i = 0; i < count; i++) {
			if (results[i] != null) {
				items[i].complete(results[i]);
			}
		}
	}

	/** The failure handler sees the failures, then the rows go; on the handler scheduler. */
	private void settleDurably(PendingOperation[] items, int count, long deliveredCount, List<DeliveryFailure> failures) {
		this.handoff.begin();
		this.handoff.dispatch(() -> {
			this.handoff.handle(failures);
			try {
				this.store.settled(items, count);
			}
			catch (RuntimeException ex) {
				logger.warn("Customer.io outbox rows could not be removed after delivery; they are sent again when"
						+ " their claim expires (events keep their ids): " + ex);
			}
			this.delivered.addAndGet(deliveredCount);
			this.failed.addAndGet(failures.size());
			// the slot is freed after the delete; the finished task signals the drain loop
			this.inFlight.decrementAndGet();
		});
	}

	/**
	 * At the drain deadline: cancels the requests in flight. Their operations fail ({@code DRAIN_TIMEOUT}), or,
	 * with a durable store, stay stored for the next start or another instance.
	 */
	void abandonOutstanding() {
		for (Batch batch : this.outstanding) {
			this.outstanding.remove(batch);
			Disposable request = batch.request;
			if (request != null) {
				request.dispose();
			}
			if (this.store.isDurable()) {
				releaseQuietly(batch);
				this.inFlight.decrementAndGet();
			}
			else {
				settle(batch.items, batch.count, (each) -> DrainLoop.drainTimeout(each,
						"was in flight or waiting to be sent again; it may have reached Customer.io"));
			}
		}
	}

	private void releaseQuietly(Batch batch) {
		try {
			this.store.release(batch);
		}
		catch (RuntimeException ex) {
			logger.warn("Customer.io outbox claim could not be released at shutdown; another instance takes the rows"
					+ " when the claim expires: " + ex);
		}
	}

}
