package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.delivery.DeliveryRejectedException.Reason;
import io.github.ciospring.customerio.track.BatchResult;
import io.github.ciospring.customerio.track.Device;
import io.github.ciospring.customerio.track.PersonIdentifier;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.ciospring.customerio.track.TrackOperation;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * A bounded queue that delivers Track API operations in {@code /api/v2/batch} requests, for callers that must not
 * wait for Customer.io. {@link #offer(TrackOperation)} encodes the operation once (checking the 32 KB limit),
 * queues it and returns at once with a handle that completes when Customer.io accepted or finally refused it;
 * {@link #deliverAll(Flux, Consumer)} feeds a whole stream, waiting for space instead of being refused.
 * <p>
 * Queued operations are packed into batch bodies of at most {@code maxBatchItems} operations and
 * {@code maxBatchBytes} bytes, sent when a batch is full or its oldest operation has waited {@code linger}, with
 * at most {@code concurrency} requests in flight, each under the Track client's rate limiter and retry (a retry
 * sends the same bytes, so events keep their ULID ids). After a {@code 207} the items Customer.io rejected fail
 * with its reason and the others are delivered; the batch is never sent again. When the client's retries give up
 * on a transient failure the same body is sent again after {@code redeliveryDelay}, at most
 * {@code redeliveryAttempts} times, before its operations fail.
 * <p>
 * Nothing accepted is dropped silently: each operation ends delivered or failed, every failure goes to the
 * {@link DeliveryFailureHandler}, and {@code accepted = delivered + failed + pending} holds at all times (see
 * {@link #stats()}). Memory is bounded by {@code capacityItems} and {@code capacityBytes}, counted from acceptance
 * to outcome. {@link #shutdown(Duration)} stops accepting, sends what is held at once, and fails whatever is
 * left at the deadline.
 * <p>
 * Named a queue, not a publisher: it has a queue's {@code offer} semantics (immediate, refused when full), and
 * "publisher" means a Reactive Streams {@code Publisher} in this Reactor-based library.
 */
public final class TrackDeliveryQueue implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TrackDeliveryQueue.class);

	private final TrackClient client;

	private final DeliverySettings settings;

	private final DeliveryFailureHandler failureHandler;

	private final Scheduler scheduler;

	private final boolean ownsScheduler;

	private final Scheduler handlerScheduler;

	private final LongSupplier nanoClock;

	private final long lingerNanos;

	private final long offerTimeoutNanos;

	private final long bulkMaxItems;

	private final long bulkMaxBytes;

	private final Capacity capacity = new Capacity();

	private final Queue<PendingOperation> queue = Queues.<PendingOperation>unboundedMultiproducer().get();

	/** Queued operations not yet packed into a batch (the carried one included). */
	private final AtomicLong queuedItems = new AtomicLong();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final Queue<Batch> dueRedeliveries = new ConcurrentLinkedQueue<>();

	/** Batches sent and not yet settled: in flight or waiting to be sent again. */
	private final Set<Batch> outstanding = ConcurrentHashMap.newKeySet();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger wip = new AtomicInteger();

	private final AtomicInteger handlerTasks = new AtomicInteger();

	/** Set by the drain loop when it will run again without an offer's help. */
	private volatile boolean wakeupPending;

	private volatile boolean lingerTimerArmed;

	/** An operation taken from the queue that did not fit the last batch; drain loop only. */
	private PendingOperation carried;

	private final LongAdder accepted = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong redeliveries = new AtomicLong();

	private volatile boolean closing;

	private volatile boolean deadlinePassed;

	private volatile Disposable deadlineTimer;

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	private TrackDeliveryQueue(Builder builder) {
		this.client = builder.client;
		this.settings = builder.settings;
		this.failureHandler = builder.failureHandler;
		this.ownsScheduler = builder.scheduler == null;
		this.scheduler = (builder.scheduler != null) ? builder.scheduler
				: Schedulers.newSingle("customerio-delivery", true);
		this.handlerScheduler = builder.handlerScheduler;
		this.nanoClock = builder.nanoClock;
		this.lingerNanos = this.settings.linger().toNanos();
		this.offerTimeoutNanos = this.settings.offerTimeout().toNanos();
		this.bulkMaxItems = Math.max(1, this.settings.capacityItems() / 2);
		this.bulkMaxBytes = Math.max(DeliverySettings.MIN_CAPACITY_BYTES / 2, this.settings.capacityBytes() / 2);
	}

	/** A builder of a queue in front of the given Track client, with {@link DeliverySettings#defaults()}. */
	public static Builder builder(TrackClient client) {
		return new Builder(client);
	}

	/**
	 * Queues the operation for delivery and returns at once. The handle completes with
	 * {@link DeliveryResult#delivered()} when Customer.io accepted it, or with a failed result (also handed to
	 * the failure handler); it never completes exceptionally. Completion runs on a network thread: move blocking
	 * follow-up work elsewhere ({@code thenAcceptAsync}).
	 * <p>
	 * When the queue is full the call fails at once, or, with an {@code offerTimeout}, waits up to that long for
	 * space; it never waits on a non-blocking (Reactor) thread.
	 * @param operation the operation
	 * @return the completion handle
	 * @throws CustomerIoValidationException if the operation is larger than 32 KB; nothing is queued
	 * @throws DeliveryRejectedException if the queue is full or shutting down; nothing is queued
	 */
	public CompletableFuture<DeliveryResult> offer(TrackOperation operation) {
		Objects.requireNonNull(operation, "operation");
		byte[] json;
		try {
			json = this.client.encodeOperation(operation);
		}
		catch (RuntimeException ex) {
			this.rejected.increment();
			throw ex;
		}
		CompletableFuture<DeliveryResult> handle = new CompletableFuture<>();
		admit(new PendingOperation(operation, json, handle, null));
		return handle;
	}

	/** Creates or updates a person; see {@link #offer(TrackOperation)}. */
	public CompletableFuture<DeliveryResult> identify(PersonIdentifier person, Map<String, ?> attributes) {
		return offer(TrackOperation.identify(person, attributes));
	}

	/** Records an event of a person, with a new ULID id; see {@link #offer(TrackOperation)}. */
	public CompletableFuture<DeliveryResult> track(PersonIdentifier person, String name, Map<String, ?> data) {
		return offer(TrackOperation.event(person, name, data));
	}

	/** Adds or updates a person's push device; see {@link #offer(TrackOperation)}. */
	public CompletableFuture<DeliveryResult> addDevice(PersonIdentifier person, Device device) {
		return offer(TrackOperation.addDevice(person, device));
	}

	/** Removes a person's push device; see {@link #offer(TrackOperation)}. */
	public CompletableFuture<DeliveryResult> deleteDevice(PersonIdentifier person, String token) {
		return offer(TrackOperation.deleteDevice(person, token));
	}

	/** Deletes a person; see {@link #offer(TrackOperation)}. */
	public CompletableFuture<DeliveryResult> delete(PersonIdentifier person) {
		return offer(TrackOperation.delete(person));
	}

	/** Delivers a whole stream; see {@link #deliverAll(Flux, Consumer)}. */
	public Mono<BulkSummary> deliverAll(Flux<TrackOperation> operations) {
		return deliverAll(operations, (progress) -> {
		});
	}

	/**
	 * Delivers every operation of the stream (an import). The stream is read only as fast as the queue makes
	 * room: instead of being refused when the queue is full, it waits, and it leaves half of the capacity to
	 * {@link #offer(TrackOperation)} callers. An operation that breaks a documented limit fails (kind
	 * {@link DeliveryFailure.Kind#INVALID_OPERATION}, handed to the failure handler) and the import goes on.
	 * <p>
	 * After waiting for space, the stream is requested from a Reactor bounded-elastic thread; a source that
	 * blocks should still use {@code subscribeOn(Schedulers.boundedElastic())}. Progress is reported at most once
	 * a second, and once more when finished, on whichever thread settled the last operation; keep it quick.
	 * @param operations the operations, subscribed to when the result is
	 * @param progress receives delivered, failed and total so far
	 * @return the summary once every operation read has been delivered or failed; an error if the stream failed
	 * or the queue shut down first (operations already queued still settle, and are in the progress counts)
	 */
	public Mono<BulkSummary> deliverAll(Flux<TrackOperation> operations, Consumer<BulkProgress> progress) {
		Objects.requireNonNull(operations, "operations");
		Objects.requireNonNull(progress, "progress");
		return Mono.create((sink) -> {
			BulkDelivery bulk = new BulkDelivery(this, sink, progress, this.nanoClock);
			sink.onCancel(bulk::cancel);
			operations.subscribe(bulk);
		});
	}

	/** The counts so far. */
	public DeliveryStats stats() {
		return new DeliveryStats(this.accepted.sum(), this.delivered.get(), this.failed.get(), this.rejected.sum(),
				this.capacity.items(), this.capacity.bytes(), this.requests.get(), this.redeliveries.get());
	}

	public DeliverySettings settings() {
		return this.settings;
	}

	/** Whether new operations are accepted: {@code false} once a shutdown began. */
	public boolean isAccepting() {
		return !this.closing;
	}

	/**
	 * Stops accepting operations and delivers what is held, without waiting for batches to fill. Whatever is
	 * still held when the deadline passes fails with {@link DeliveryFailure.Kind#DRAIN_TIMEOUT}. Calling it again
	 * returns the same outcome; the first deadline stands.
	 * @param drainTimeout how long delivery may go on
	 * @return completes when every accepted operation has settled and the failure handler has seen each failure
	 */
	public CompletableFuture<Void> shutdown(Duration drainTimeout) {
		boolean first = false;
		synchronized (this.terminated) {
			if (!this.closing) {
				this.closing = true;
				first = true;
			}
		}
		if (first) {
			this.capacity.wakeAll();
			this.deadlineTimer = scheduleOrRun(this::deadlinePassed, drainTimeout.toNanos());
			signal();
		}
		return this.terminated.copy();
	}

	/**
	 * Shuts down with the configured drain timeout, waits for it, and releases the queue's thread.
	 */
	@Override
	public void close() {
		try {
			shutdown(this.settings.drainTimeout()).get(this.settings.drainTimeout().toMillis() + 10_000,
					TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Customer.io delivery queue did not finish its shutdown: " + ex);
		}
		finally {
			if (this.ownsScheduler) {
				this.scheduler.dispose();
			}
		}
	}

	// accepting

	private void admit(PendingOperation item) {
		int size = item.json.length;
		if (this.closing) {
			throw reject(Reason.SHUTTING_DOWN);
		}
		if (!this.capacity.tryReserve(size, this.settings.capacityItems(), this.settings.capacityBytes())
				&& !awaitRoom(size)) {
			throw reject(this.closing ? Reason.SHUTTING_DOWN : Reason.QUEUE_FULL);
		}
		if (this.closing) {
			this.capacity.release(1, size);
			throw reject(Reason.SHUTTING_DOWN);
		}
		this.accepted.increment();
		enqueue(item);
	}

	private boolean awaitRoom(int size) {
		if (this.offerTimeoutNanos == 0 || Schedulers.isInNonBlockingThread()) {
			return false;
		}
		return this.capacity.awaitReserve(size, this.settings.capacityItems(), this.settings.capacityBytes(),
				this.offerTimeoutNanos, () -> this.closing);
	}

	private DeliveryRejectedException reject(Reason reason) {
		this.rejected.increment();
		String message = (reason == Reason.SHUTTING_DOWN)
				? "Customer.io delivery queue is shutting down; the operation was not queued"
				: "Customer.io delivery queue is full (capacity " + this.settings.capacityItems() + " operations, "
						+ this.settings.capacityBytes() + " bytes); the operation was not queued";
		return new DeliveryRejectedException(reason, message);
	}

	private void enqueue(PendingOperation item) {
		item.enqueuedAt = this.nanoClock.getAsLong();
		this.queue.offer(item);
		long items = this.queuedItems.incrementAndGet();
		long bytes = this.queuedBytes.addAndGet(item.json.length);
		if (!this.wakeupPending || (this.inFlight.get() < this.settings.concurrency() && isFull(items, bytes))) {
			signal();
		}
	}

	private boolean isFull(long items, long bytes) {
		return items >= this.settings.maxBatchItems() || BatchBody.size(items, bytes) >= this.settings.maxBatchBytes();
	}

	// for bulk imports

	byte[] encode(TrackOperation operation) {
		return this.client.encodeOperation(operation);
	}

	/** Admits an operation of a bulk import within the bulk share of the capacity, without waiting. */
	Admission admitFromBulk(PendingOperation item) {
		int size = item.json.length;
		if (this.closing) {
			return Admission.CLOSED;
		}
		if (!this.capacity.tryReserve(size, this.bulkMaxItems, this.bulkMaxBytes)) {
			return Admission.FULL;
		}
		if (this.closing) {
			this.capacity.release(1, size);
			return Admission.CLOSED;
		}
		this.accepted.increment();
		enqueue(item);
		return Admission.ACCEPTED;
	}

	/** Whether a bulk operation of that size would be admitted now (or refused for good, when closing). */
	boolean bulkHasRoom(int size) {
		return this.closing || this.capacity.hasRoom(size, this.bulkMaxItems, this.bulkMaxBytes);
	}

	/** Runs the task on a bounded-elastic thread the next time space is released. */
	void onRelease(Runnable task) {
		this.capacity.onRelease(() -> {
			try {
				this.handlerScheduler.schedule(task);
			}
			catch (RejectedExecutionException ex) {
				task.run();
			}
		});
	}

	void bulkRejected() {
		this.rejected.increment();
	}

	/**
	 * An operation of a bulk import broke a limit or could not be written as JSON: counted as rejected, handed to
	 * the failure handler.
	 */
	void invalid(TrackOperation operation, RuntimeException ex) {
		this.rejected.increment();
		String field = (ex instanceof CustomerIoValidationException validation) ? validation.getField() : null;
		DeliveryFailure failure = new DeliveryFailure(operation, Kind.INVALID_OPERATION, 0, null, field,
				ex.getMessage());
		handOver(List.of(failure));
	}

	enum Admission {

		ACCEPTED, FULL, CLOSED

	}

	// the drain loop: one thread at a time packs and sends

	private void signal() {
		if (this.wip.getAndIncrement() == 0) {
			try {
				this.scheduler.schedule(this::drain);
			}
			catch (RejectedExecutionException ex) {
				drain();
			}
		}
	}

	private void drain() {
		int missed = 1;
		do {
			try {
				drainOnce();
			}
			catch (RuntimeException ex) {
				logger.error("Customer.io delivery loop failed; it runs again on the next signal", ex);
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void drainOnce() {
		if (this.deadlinePassed) {
			failEverythingHeld();
		}
		else {
			long now = this.nanoClock.getAsLong();
			while (this.inFlight.get() < this.settings.concurrency()) {
				Batch redelivery = this.dueRedeliveries.poll();
				if (redelivery != null) {
					send(redelivery);
					continue;
				}
				if (!isBatchDue(now)) {
					break;
				}
				Batch batch = pack();
				if (batch == null) {
					break;
				}
				send(batch);
			}
			scheduleWakeup(now);
		}
		if (this.closing && this.capacity.items() == 0 && this.handlerTasks.get() == 0) {
			terminate();
		}
	}

	private PendingOperation head() {
		return (this.carried != null) ? this.carried : this.queue.peek();
	}

	private boolean isBatchDue(long now) {
		PendingOperation head = head();
		if (head == null) {
			return false;
		}
		return this.closing || isFull(this.queuedItems.get(), this.queuedBytes.get())
				|| now - head.enqueuedAt >= this.lingerNanos;
	}

	private Batch pack() {
		int capacity = (int) Math.min(this.settings.maxBatchItems(), Math.max(1, this.queuedItems.get()));
		PendingOperation[] items = new PendingOperation[capacity];
		int count = 0;
		long size = BatchBody.size(0, 0) - 1; // each operation adds its bytes and a comma, the first none
		long bytes = 0;
		while (count < capacity) {
			PendingOperation next = (this.carried != null) ? this.carried : this.queue.poll();
			if (next == null) {
				break;
			}
			this.carried = null;
			if (count > 0 && size + next.json.length + 1 > this.settings.maxBatchBytes()) {
				this.carried = next;
				break;
			}
			items[count++] = next;
			size += next.json.length + 1;
			bytes += next.json.length;
		}
		if (count == 0) {
			return null;
		}
		this.queuedItems.addAndGet(-count);
		this.queuedBytes.addAndGet(-bytes);
		return new Batch(items, count, BatchBody.encode(items, count, (int) size));
	}

	/** Makes sure the loop runs again for what stays queued: a linger timer, or a response freeing a slot. */
	private void scheduleWakeup(long now) {
		PendingOperation head = head();
		if (head == null) {
			this.wakeupPending = false;
			// an offer that saw the old flag may have queued meanwhile
			head = head();
			if (head == null) {
				return;
			}
		}
		this.wakeupPending = true;
		if (this.inFlight.get() >= this.settings.concurrency() || this.lingerTimerArmed) {
			return;
		}
		this.lingerTimerArmed = true;
		try {
			this.scheduler.schedule(() -> {
				this.lingerTimerArmed = false;
				signal();
			}, Math.max(0, head.enqueuedAt + this.lingerNanos - now), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed: the deadline has failed or will fail whatever is still queued
			this.lingerTimerArmed = false;
		}
	}

	private Disposable scheduleOrRun(Runnable task, long delayNanos) {
		try {
			return this.scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			task.run();
			return () -> {
			};
		}
	}

	// sending and settling

	private void send(Batch batch) {
		this.inFlight.incrementAndGet();
		this.outstanding.add(batch);
		this.requests.incrementAndGet();
		batch.request = Mono.defer(() -> this.client.sendBatch(batch.body))
			.subscribe((result) -> answered(batch, result), (error) -> failedRequest(batch, error));
	}

	private void answered(Batch batch, BatchResult result) {
		this.outstanding.remove(batch);
		BatchResult.ItemError[] errors = null;
		if (!result.isAllAccepted()) {
			errors = new BatchResult.ItemError[batch.count];
			for (BatchResult.ItemError error : result.errors()) {
				if (error.batchIndex() >= 0 && error.batchIndex() < batch.count) {
					errors[error.batchIndex()] = error;
				}
			}
		}
		DeliveryResult[] results = new DeliveryResult[batch.count];
		for (int i = 0; i < batch.count; i++) {
			BatchResult.ItemError error = (errors != null) ? errors[i] : null;
			results[i] = (error != null) ? DeliveryResult.failed(new DeliveryFailure(batch.items[i].operation,
					Kind.ITEM_REJECTED, 207, error.reason(), error.field(), error.message())) : DeliveryResult.delivered();
		}
		settle(batch.items, batch.count, results);
		this.inFlight.decrementAndGet();
		signal();
	}

	private void failedRequest(Batch batch, Throwable error) {
		boolean worthRetrying = isTransient(error);
		if (worthRetrying && batch.redeliveries < this.settings.redeliveryAttempts() && !this.deadlinePassed) {
			batch.redeliveries++;
			this.redeliveries.incrementAndGet();
			scheduleOrRun(() -> {
				this.dueRedeliveries.add(batch);
				signal();
			}, this.settings.redeliveryDelay().toNanos());
		}
		else {
			this.outstanding.remove(batch);
			int status = (error instanceof CustomerIoApiException api) ? api.getStatusCode() : 0;
			settle(batch.items, batch.count, (item) -> new DeliveryFailure(item.operation,
					worthRetrying ? Kind.RETRIES_EXHAUSTED : Kind.REQUEST_REJECTED, status, null, null,
					String.valueOf(error.getMessage())));
		}
		this.inFlight.decrementAndGet();
		signal();
	}

	/**
	 * Whether sending the same body again later may succeed: 408, 429, 5xx, no answer, or no rate-limit permit
	 * in time. A refusal such as 400 or 401 is final.
	 */
	static boolean isTransient(Throwable error) {
		if (error instanceof CustomerIoApiException api) {
			int status = api.getStatusCode();
			return status == 408 || status == 429 || status >= 500;
		}
		return !(error instanceof IllegalArgumentException);
	}

	private void settle(PendingOperation[] items, int count, Function<PendingOperation, DeliveryFailure> failure) {
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
		long failedCount = 0;
		long bytes = 0;
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
				failedCount++;
			}
		}
		List<DeliveryFailure> failures = new ArrayList<>((int) failedCount);
		for (int i = 0; i < count; i++) {
			if (results[i] != null && !results[i].isDelivered()) {
				failures.add(results[i].failure());
			}
		}
		// the handler task is counted before the space is freed: the drain loop may see the queue empty at once,
		// and must not end the shutdown before the handler has these failures
		boolean handOver = !failures.isEmpty();
		if (handOver) {
			this.handlerTasks.incrementAndGet();
		}
		this.delivered.addAndGet(deliveredCount);
		this.failed.addAndGet(failedCount);
		this.capacity.release(deliveredCount + failedCount, bytes);
		if (handOver) {
			dispatchToHandler(failures);
		}
		for (int i = 0; i < count; i++) {
			if (results[i] != null) {
				items[i].complete(results[i]);
			}
		}
	}

	private void handOver(List<DeliveryFailure> failures) {
		if (failures.isEmpty()) {
			return;
		}
		this.handlerTasks.incrementAndGet();
		dispatchToHandler(failures);
	}

	/** Runs the failure handler on the failures; the caller has counted the task in {@code handlerTasks}. */
	private void dispatchToHandler(List<DeliveryFailure> failures) {
		Runnable task = () -> {
			try {
				for (DeliveryFailure failure : failures) {
					try {
						this.failureHandler.onFailure(failure);
					}
					catch (RuntimeException ex) {
						logger.warn("Customer.io delivery failure handler threw " + ex.getClass().getName()
								+ " for " + failure);
					}
				}
			}
			finally {
				this.handlerTasks.decrementAndGet();
				signal();
			}
		};
		try {
			this.handlerScheduler.schedule(task);
		}
		catch (RejectedExecutionException ex) {
			task.run();
		}
	}

	// shutting down

	private void deadlinePassed() {
		this.deadlinePassed = true;
		signal();
	}

	/** At the drain deadline: fails everything held, cancelling requests in flight. Drain loop only. */
	private void failEverythingHeld() {
		List<PendingOperation> queued = new ArrayList<>();
		if (this.carried != null) {
			queued.add(this.carried);
			this.carried = null;
		}
		PendingOperation item;
		long bytes = 0;
		while ((item = this.queue.poll()) != null) {
			queued.add(item);
		}
		for (PendingOperation each : queued) {
			bytes += each.json.length;
		}
		this.queuedItems.addAndGet(-queued.size());
		this.queuedBytes.addAndGet(-bytes);
		if (!queued.isEmpty()) {
			settle(queued.toArray(new PendingOperation[0]), queued.size(),
					(each) -> drainTimeout(each, "was still queued"));
		}
		this.dueRedeliveries.clear();
		for (Batch batch : this.outstanding) {
			this.outstanding.remove(batch);
			Disposable request = batch.request;
			if (request != null) {
				request.dispose();
			}
			settle(batch.items, batch.count,
					(each) -> drainTimeout(each, "was in flight or waiting to be sent again; it may have reached Customer.io"));
		}
	}

	private static DeliveryFailure drainTimeout(PendingOperation item, String where) {
		return new DeliveryFailure(item.operation, Kind.DRAIN_TIMEOUT, 0, null, null,
				"not delivered before the shutdown's drain deadline: it " + where);
	}

	private void terminate() {
		if (this.terminated.isDone()) {
			return;
		}
		Disposable timer = this.deadlineTimer;
		if (timer != null) {
			timer.dispose();
		}
		this.terminated.complete(null);
	}

	/** Builds a {@link TrackDeliveryQueue}. */
	public static final class Builder {

		private final TrackClient client;

		private DeliverySettings settings = DeliverySettings.defaults();

		private DeliveryFailureHandler failureHandler = new LoggingDeliveryFailureHandler();

		private MeterRegistry meterRegistry;

		private Scheduler scheduler;

		private Scheduler handlerScheduler = Schedulers.boundedElastic();

		private LongSupplier nanoClock = System::nanoTime;

		private Builder(TrackClient client) {
			this.client = Objects.requireNonNull(client, "client");
		}

		public Builder settings(DeliverySettings settings) {
			this.settings = Objects.requireNonNull(settings, "settings");
			return this;
		}

		/** Receives every operation that finally failed; by default a {@link LoggingDeliveryFailureHandler}. */
		public Builder failureHandler(DeliveryFailureHandler failureHandler) {
			this.failureHandler = Objects.requireNonNull(failureHandler, "failureHandler");
			return this;
		}

		/** Where the {@code customerio.delivery.*} meters go; none when not set. */
		public Builder meterRegistry(MeterRegistry meterRegistry) {
			this.meterRegistry = meterRegistry;
			return this;
		}

		/**
		 * Runs the packing loop and the timers; by default a daemon thread of the queue's own, released by
		 * {@link TrackDeliveryQueue#close()}. Give a virtual-time scheduler (with a matching clock) to test timing.
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/** Runs the failure handler and resumes waiting bulk imports; by default bounded-elastic. */
		public Builder handlerScheduler(Scheduler handlerScheduler) {
			this.handlerScheduler = Objects.requireNonNull(handlerScheduler, "handlerScheduler");
			return this;
		}

		/** The clock of linger times, in nanoseconds; by default {@link System#nanoTime()}. */
		public Builder nanoClock(LongSupplier nanoClock) {
			this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
			return this;
		}

		public TrackDeliveryQueue build() {
			TrackDeliveryQueue queue = new TrackDeliveryQueue(this);
			if (this.meterRegistry != null) {
				new DeliveryMeters(queue).bindTo(this.meterRegistry);
			}
			return queue;
		}

	}

}
