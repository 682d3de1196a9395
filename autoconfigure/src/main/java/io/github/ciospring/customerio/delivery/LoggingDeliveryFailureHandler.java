package io.github.ciospring.customerio.delivery;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The default {@link DeliveryFailureHandler}: counts failures by kind and logs them at WARN without personal
 * data or secrets (action, event id, kind, status, Customer.io's reason code and field; never identifiers,
 * attributes or Customer.io's free-text message). At most one line a second; the lines skipped meanwhile are
 * counted in the next one, so a failing workspace cannot flood the log; {@link #close()} (called by Spring when
 * the bean is destroyed) logs the ones skipped since the last line, so none goes uncounted at shutdown.
 */
public class LoggingDeliveryFailureHandler implements DeliveryFailureHandler, AutoCloseable {

	private static final Log logger = LogFactory.getLog(LoggingDeliveryFailureHandler.class);

	private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Map<Kind, LongAdder> counts = new EnumMap<>(Kind.class);

	private final LongSupplier nanoClock;

	private final AtomicLong nextLogAt;

	private final AtomicLong skipped = new AtomicLong();

	public LoggingDeliveryFailureHandler() {
		this(System::nanoTime);
	}

	LoggingDeliveryFailureHandler(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
		this.nextLogAt = new AtomicLong(nanoClock.getAsLong());
		for (Kind kind : Kind.values()) {
			this.counts.put(kind, new LongAdder());
		}
	}

	@Override
	public void onFailure(DeliveryFailure failure) {
		this.counts.get(failure.kind()).increment();
		long now = this.nanoClock.getAsLong();
		long next = this.nextLogAt.get();
		if (now - next >= 0 && this.nextLogAt.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
			long skippedLines = this.skipped.getAndSet(0);
			logger.warn("Customer.io Track operation not delivered: " + failure
					+ ((skippedLines > 0) ? " (and " + skippedLines + " more failures since the last line)" : "")
					+ "; register a DeliveryFailureHandler bean to keep failed operations");
		}
		else {
			this.skipped.incrementAndGet();
		}
	}

	/** Failures of that kind seen so far. */
	public long count(Kind kind) {
		return this.counts.get(kind).sum();
	}

	/** Failures seen so far. */
	public long count() {
		return this.counts.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/** Logs the failures skipped since the last line, with the counts by kind, if any were skipped. */
	@Override
	public void close() {
		long skippedLines = this.skipped.getAndSet(0);
		if (skippedLines > 0) {
			Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
			this.counts.forEach((kind, count) -> {
				if (count.sum() > 0) {
					byKind.put(kind, count.sum());
				}
			});
			logger.warn("Customer.io Track operations not delivered: " + skippedLines
					+ " more failures since the last line; " + count() + " in all " + byKind);
		}
	}

}
