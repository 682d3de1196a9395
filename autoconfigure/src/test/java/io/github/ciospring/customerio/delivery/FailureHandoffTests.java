package io.github.ciospring.customerio.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.delivery.DeliveryFixtures.RecordingFailureHandler;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

import static io.github.ciospring.customerio.delivery.DeliveryFixtures.event;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The work after a settlement: failures reach the handler on the handler scheduler, counted by kind; a shutdown
 * sees the tasks not yet finished; each finished task wakes the drain loop. The schedulers here run nothing until
 * the test says so.
 */
class FailureHandoffTests {

	private final RecordingFailureHandler handler = new RecordingFailureHandler();

	private final ManualScheduler handlerScheduler = new ManualScheduler();

	/** The drain loop's scheduler: each {@code signal()} of an idle loop schedules one pass here. */
	private final ManualScheduler loopScheduler = new ManualScheduler();

	private final FailureHandoff handoff = new FailureHandoff(this.handler, this.handlerScheduler, loop());

	private DrainLoop loop() {
		TrackDeliveryQueue.Builder builder = DeliveryFixtures.queueBuilder("http://localhost:1", 1, settings());
		DeliverySettings settings = settings().build();
		return new DrainLoop(builder, new MemoryDeliveryStore(settings, () -> 0), new Capacity(), this.loopScheduler);
	}

	private static DeliveryFailure failure(int n, Kind kind) {
		return new DeliveryFailure(event(n), kind, 0, null, null, "failed");
	}

	@Test
	void failuresReachTheHandlerOnTheHandlerSchedulerAndTheLoopHearsOfIt() {
		List<DeliveryFailure> failures = List.of(failure(1, Kind.ITEM_REJECTED), failure(2, Kind.RETRIES_EXHAUSTED));

		this.handoff.handOver(failures);

		assertThat(this.handler.failures).as("not on the caller's thread").isEmpty();
		assertThat(this.handoff.isIdle()).isFalse();
		assertThat(this.loopScheduler.tasks).isEmpty();
		this.handlerScheduler.runAll();
		assertThat(this.handler.failures).containsExactlyElementsOf(failures);
		assertThat(this.handoff.isIdle()).isTrue();
		assertThat(this.loopScheduler.tasks).as("the drain loop was signalled").hasSize(1);
	}

	@Test
	void noFailuresMeanNoTask() {
		this.handoff.handOver(List.of());

		assertThat(this.handlerScheduler.tasks).isEmpty();
		assertThat(this.handoff.isIdle()).isTrue();
		assertThat(this.loopScheduler.tasks).isEmpty();
	}

	@Test
	void handedOverCountsByKindAndLeavesOutKindsWithNone() {
		assertThat(this.handoff.handedOver()).isEmpty();

		this.handoff.handle(List.of(failure(1, Kind.ITEM_REJECTED), failure(2, Kind.DRAIN_TIMEOUT),
				failure(3, Kind.ITEM_REJECTED)));

		assertThat(this.handoff.handedOver()).isEqualTo(Map.of(Kind.ITEM_REJECTED, 2L, Kind.DRAIN_TIMEOUT, 1L));
	}

	@Test
	void aHandlerThatThrowsDoesNotStopTheOthersFromBeingHandedOver() {
		List<DeliveryFailure> seen = new ArrayList<>();
		FailureHandoff throwing = new FailureHandoff((failure) -> {
			seen.add(failure);
			throw new IllegalStateException("handler broke");
		}, this.handlerScheduler, loop());
		List<DeliveryFailure> failures = List.of(failure(1, Kind.REQUEST_REJECTED), failure(2, Kind.REQUEST_REJECTED));

		throwing.handOver(failures);
		this.handlerScheduler.runAll();

		assertThat(seen).containsExactlyElementsOf(failures);
		assertThat(throwing.handedOver()).isEqualTo(Map.of(Kind.REQUEST_REJECTED, 2L));
		assertThat(throwing.isIdle()).isTrue();
	}

	@Test
	void aTaskCountsFromBeginUntilItFinishedEvenIfItThrew() {
		this.handoff.begin();
		this.handoff.begin();
		this.handoff.dispatch(() -> {
			throw new IllegalStateException("delete failed");
		});
		this.handoff.dispatch(() -> {
		});

		assertThat(this.handoff.isIdle()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> this.handlerScheduler.tasks.remove(0).run());
		assertThat(this.handoff.isIdle()).as("one task left").isFalse();
		assertThat(this.loopScheduler.tasks).as("signalled after the failed task too").hasSize(1);
		this.handlerScheduler.runAll();
		assertThat(this.handoff.isIdle()).isTrue();
	}

	@Test
	void onceTheHandlerSchedulerIsClosedTheTaskRunsOnTheCallersThread() {
		this.handlerScheduler.rejecting = true;

		this.handoff.handOver(List.of(failure(1, Kind.DRAIN_TIMEOUT)));

		assertThat(this.handler.failures).hasSize(1);
		assertThat(this.handoff.isIdle()).isTrue();
		assertThat(this.loopScheduler.tasks).hasSize(1);
	}

	/** Keeps what it is given to run; runs it when told; rejects everything once closed. */
	static final class ManualScheduler implements Scheduler {

		final List<Runnable> tasks = new ArrayList<>();

		volatile boolean rejecting;

		@Override
		public Disposable schedule(Runnable task) {
			if (this.rejecting) {
				throw new RejectedExecutionException("closed");
			}
			this.tasks.add(task);
			return () -> {
			};
		}

		void runAll() {
			while (!this.tasks.isEmpty()) {
				this.tasks.remove(0).run();
			}
		}

		@Override
		public Worker createWorker() {
			throw new UnsupportedOperationException("tasks only");
		}

	}

}
