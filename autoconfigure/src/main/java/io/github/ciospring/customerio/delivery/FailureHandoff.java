package io.github.ciospring.customerio.delivery;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Scheduler;

/**
 * Runs the work that follows a settlement on the handler scheduler, away from network threads: handing failures
 * to the {@link DeliveryFailureHandler} (and, with the outbox, deleting the rows after it). Counts the tasks not
 * yet finished, so a shutdown waits for them, and the failures handed over by kind, for the shutdown summary.
 * Thread-safe: an atomic counter and adders; each finished task signals the drain loop.
 */
final class FailureHandoff {

	private static final Log logger = LogFactory.getLog(FailureHandoff.class);

	private final DeliveryFailureHandler failureHandler;

	private final Scheduler handlerScheduler;

	private final DrainLoop loop;

	private final AtomicInteger tasks = new AtomicInteger();

	private final Map<Kind, LongAdder> handedOver = new EnumMap<>(Kind.class);

	FailureHandoff(DeliveryFailureHandler failureHandler, Scheduler handlerScheduler, DrainLoop loop) {
		this.failureHandler = failureHandler;
		this.handlerScheduler = handlerScheduler;
		this.loop = loop;
		for (Kind kind : Kind.values()) {
			this.handedOver.put(kind, new LongAdder());
		}
	}

	/** The failures handed to the failure handler so far, by kind; kinds with none left out. */
	Map<Kind, Long> handedOver() {
		Map<Kind, Long> counts = new EnumMap<>(Kind.class);
		this.handedOver.forEach((kind, count) -> {
			if (count.sum() > 0) {
				counts.put(kind, count.sum());
			}
		});
		return counts;
	}

	/** Whether every task counted so far has finished. */
	boolean isIdle() {
		return this.tasks.get() == 0;
	}

	/**
	 * Counts a task about to be dispatched; call before anything that lets the drain loop see the work as done
	 * (freeing space), so it does not end a shutdown before the task ran.
	 */
	void begin() {
		this.tasks.incrementAndGet();
	}

	/** Hands failures to the handler on the handler scheduler. */
	void handOver(List<DeliveryFailure> failures) {
		if (failures.isEmpty()) {
			return;
		}
		begin();
		dispatch(() -> handle(failures));
	}

	/** Hands each failure to the handler, on the calling thread; a handler that throws is logged. */
	void handle(List<DeliveryFailure> failures) {
		for (DeliveryFailure failure : failures) {
			this.handedOver.get(failure.kind()).increment();
			try {
				this.failureHandler.onFailure(failure);
			}
			catch (RuntimeException ex) {
				logger.warn("Customer.io delivery failure handler threw " + ex.getClass().getName() + " for " + failure);
			}
		}
	}

	/** Runs a task counted by {@link #begin()} on the handler scheduler, or here once it is closed. */
	void dispatch(Runnable work) {
		Runnable task = () -> {
			try {
				work.run();
			}
			finally {
				this.tasks.decrementAndGet();
				this.loop.signal();
			}
		};
		try {
			this.handlerScheduler.schedule(task);
		}
		catch (RejectedExecutionException ex) {
			task.run();
		}
	}

}
