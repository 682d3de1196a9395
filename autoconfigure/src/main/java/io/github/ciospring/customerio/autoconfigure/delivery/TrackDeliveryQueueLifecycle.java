package io.github.ciospring.customerio.autoconfigure.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;

import org.springframework.context.SmartLifecycle;

/**
 * Drains the {@link TrackDeliveryQueue} when the application shuts down: stops accepting, delivers what is held
 * within the drain timeout, and hands the rest to the failure handler. With the outbox
 * ({@code customerio.delivery.store=jdbc}) it only waits for the batches in flight: what is left stays in the
 * table for the next start or another instance.
 * <p>
 * It stops in phase {@link #PHASE}: after the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) has
 * let requests in flight finish (and offer their operations), before the web server stops
 * ({@code DEFAULT_PHASE - 2048}), and long before the Reactor Netty resources the client sends with (phase 0).
 * A queue that has shut down does not start again, so pausing the context leaves it alone.
 */
public final class TrackDeliveryQueueLifecycle implements SmartLifecycle {

	/** Between the web server's graceful shutdown and its stop. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	private final TrackDeliveryQueue queue;

	private final Duration drainTimeout;

	public TrackDeliveryQueueLifecycle(TrackDeliveryQueue queue) {
		this.queue = queue;
		this.drainTimeout = queue.settings().drainTimeout();
	}

	@Override
	public void start() {
		// the queue accepts operations from the moment it is built
	}

	@Override
	public void stop(Runnable callback) {
		this.queue.shutdown(this.drainTimeout).whenComplete((done, failure) -> callback.run());
	}

	@Override
	public void stop() {
		try {
			this.queue.shutdown(this.drainTimeout).get(this.drainTimeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// the queue has failed what it could not deliver; nothing more to do here
		}
	}

	@Override
	public boolean isRunning() {
		return this.queue.isAccepting();
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
