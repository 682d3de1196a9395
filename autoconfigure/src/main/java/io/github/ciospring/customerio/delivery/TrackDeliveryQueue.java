package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.track.Device;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.ciospring.customerio.track.TrackOperation;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

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
 * {@link DeliveryFailureHandler}, and {@code accepted = delivered + failed + pending} (see {@link #stats()}).
 * Memory is bounded by {@code capacityItems} and {@code capacityBytes}. {@link #shutdown(Duration)} stops
 * accepting, sends what is held at once, and fails what is left at the deadline (with {@link JdbcDeliveryStore},
 * the outbox, what is left stays in the database).
 * <p>
 * Named a queue, not a publisher: it has a queue's {@code offer} semantics (immediate, refused when full). This
 * class is the public API and assembles the parts, each owning its state: {@code Admission} admits operations
 * on the callers' threads, a {@code DrainLoop} takes batches from the {@link DeliveryStore} on the queue's
 * scheduler, and a {@code BatchSender} sends and settles them on network threads.
 */
public final class TrackDeliveryQueue implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TrackDeliveryQueue.class);

	private final DeliverySettings settings;

	private final Scheduler scheduler;

	private final boolean ownsScheduler;

	private final LongSupplier nanoClock;

	private final Capacity capacity = new Capacity();

	private final DeliveryStore store;

	private final DrainLoop loop;

	private final BatchSender sender;

	private final Admission admission;

	private TrackDeliveryQueue(Builder builder) {
		this.settings = builder.settings;
		this.ownsScheduler = builder.scheduler == null;
		this.scheduler = (builder.scheduler != null) ? builder.scheduler
				: Schedulers.newSingle("customerio-delivery", true);
		this.nanoClock = builder.nanoClock;
		this.store = (builder.store != null) ? builder.store : new MemoryDeliveryStore(this.settings, this.nanoClock);
		this.loop = new DrainLoop(builder, this.store, this.capacity, this.scheduler);
		this.store.attach(this.settings, this.loop);
		this.sender = this.loop.sender();
		this.admission = new Admission(builder.client, this.settings, this.capacity, this.store, this.loop,
				builder.handlerScheduler, this.nanoClock);
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
	 * <p>
	 * With a {@link JdbcDeliveryStore} (the outbox) the operation is inserted into the table before the call
	 * returns, inside the caller's Spring-managed transaction if there is one; the handle completes with
	 * {@link DeliveryResult#stored()} after commit (or {@link DeliveryResult#discarded()} after rollback), and
	 * this or another instance delivers it. Database errors are thrown to the caller.
	 * @param operation the operation
	 * @return the completion handle
	 * @throws CustomerIoValidationException if the operation is larger than 32 KB; nothing is queued
	 * @throws DeliveryRejectedException if the queue is full or shutting down; nothing is queued
	 */
	public CompletableFuture<DeliveryResult> offer(TrackOperation operation) {
		return this.admission.offer(Objects.requireNonNull(operation, "operation"));
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
	 * With the outbox the stream is stored in JDBC batches and {@code delivered} counts stored operations.
	 * Progress comes at most once a second and once when finished, on the thread that settled the last one.
	 * @param operations the operations, subscribed to when the result is
	 * @param progress receives delivered, failed and total so far
	 * @return the summary once every operation read has been delivered or failed; an error if the stream failed
	 * or the queue shut down first (operations already queued still settle, and are in the progress counts)
	 */
	public Mono<BulkSummary> deliverAll(Flux<TrackOperation> operations, Consumer<BulkProgress> progress) {
		return this.admission.deliverAll(Objects.requireNonNull(operations, "operations"),
				Objects.requireNonNull(progress, "progress"));
	}

	/** The counts so far. */
	public DeliveryStats stats() {
		return new DeliveryStats(this.admission.accepted.sum(), this.sender.delivered.get(), this.sender.failed.get(),
				this.admission.rejected.sum(), this.capacity.items(), this.capacity.bytes(), this.sender.requests.get(),
				this.sender.redeliveries.get());
	}

	/** Where accepted operations are held until they settle. */
	public DeliveryStore store() {
		return this.store;
	}

	public DeliverySettings settings() {
		return this.settings;
	}

	/** Whether new operations are accepted: {@code false} once a shutdown began. */
	public boolean isAccepting() {
		return !this.admission.isClosing();
	}

	/**
	 * Stops accepting operations and delivers what is held, without waiting for batches to fill. Whatever is
	 * still held when the deadline passes fails with {@link DeliveryFailure.Kind#DRAIN_TIMEOUT}. Calling it again
	 * returns the same outcome; the first deadline stands.
	 * @param drainTimeout how long delivery may go on
	 * @return completes when every accepted operation has settled and the failure handler has seen each failure
	 */
	public CompletableFuture<Void> shutdown(Duration drainTimeout) {
		return this.loop.close(drainTimeout, this.admission.close());
	}

	/** Runs the task the next time space is released (for tests of waiting imports). */
	void onRelease(Runnable task) {
		this.admission.onRelease(task);
	}

	/** Shuts down with the configured drain timeout, waits for it, and releases the queue's thread. */
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

	/** Builds a {@link TrackDeliveryQueue}. */
	public static final class Builder {

		final TrackClient client;

		DeliverySettings settings = DeliverySettings.defaults();

		DeliveryFailureHandler failureHandler = new LoggingDeliveryFailureHandler();

		private MeterRegistry meterRegistry;

		private Scheduler scheduler;

		private DeliveryStore store;

		Scheduler handlerScheduler = Schedulers.boundedElastic();

		LongSupplier nanoClock = System::nanoTime;

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

		/** Runs the drain loop and timers; by default a daemon thread of its own, released by {@code close()}. */
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

		/** Where accepted operations wait: in memory by default, or a {@link JdbcDeliveryStore} (the outbox). */
		public Builder store(DeliveryStore store) {
			this.store = store;
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
