package io.github.ciospring.customerio.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Virtual time with stalls of the process: a task due during a stall runs when the stall ends, after the ones due
 * before it, as the timers of a process paused by garbage collection or starved of CPU do. Install it with
 * {@link VirtualTimeScheduler#getOrSet(VirtualTimeScheduler)}; timed tasks must be scheduled before a stall begins.
 */
public final class StallingVirtualTimeScheduler extends VirtualTimeScheduler {

	private final List<long[]> stalls = new CopyOnWriteArrayList<>();

	public StallingVirtualTimeScheduler() {
		super(false);
	}

	/**
	 * Stalls the process from {@code start} for {@code length}, both from virtual time 0.
	 * @return this scheduler
	 */
	public StallingVirtualTimeScheduler stall(Duration start, Duration length) {
		this.stalls.add(new long[] { start.toNanos(), start.plus(length).toNanos() });
		return this;
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		long now = now(TimeUnit.NANOSECONDS);
		long due = now + unit.toNanos(delay);
		for (long[] stall : this.stalls) {
			if (due >= stall[0] && due < stall[1]) {
				due = stall[1];
			}
		}
		return super.schedule(task, due - now, TimeUnit.NANOSECONDS);
	}

}
