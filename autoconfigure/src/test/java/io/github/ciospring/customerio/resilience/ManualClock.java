package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told to. */
final class ManualClock implements LongSupplier {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	@Override
	public long getAsLong() {
		return this.now.get();
	}

	void advance(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

}
