package io.github.ciospring.customerio.support;

import java.util.concurrent.atomic.AtomicReference;

import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Installs a {@link VirtualTimeScheduler} as Reactor's schedulers and makes sure it took. Reactor's
 * {@code Schedulers.setFactory} clears its cached schedulers before it sets the new factory, so a
 * {@code Schedulers.parallel()} call on another thread in between caches a real scheduler again: delays then run
 * in real time while the clocks under test read virtual time, and the test hangs. This installs again until
 * {@code Schedulers.parallel()} is the virtual one.
 */
public final class VirtualTime {

	private static final int ATTEMPTS = 10;

	private VirtualTime() {
	}

	public static VirtualTimeScheduler install() {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
			VirtualTimeScheduler.set(scheduler);
			if (parallelRunsOnCallingThread()) {
				return scheduler;
			}
			VirtualTimeScheduler.reset();
		}
		throw new IllegalStateException("Reactor's parallel scheduler stayed real after " + ATTEMPTS + " attempts");
	}

	/** A virtual scheduler runs a task that is due now on the thread that schedules it; a real one does not. */
	private static boolean parallelRunsOnCallingThread() {
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		Schedulers.parallel().schedule(() -> ranOn.set(Thread.currentThread()));
		return ranOn.get() == Thread.currentThread();
	}

}
