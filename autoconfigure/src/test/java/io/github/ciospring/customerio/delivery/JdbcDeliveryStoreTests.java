package io.github.ciospring.customerio.delivery;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.delivery.FailureHandoffTests.ManualScheduler;
import io.github.ciospring.customerio.delivery.OutboxLeasesTests.MutableClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.github.ciospring.customerio.delivery.DeliveryFixtures.event;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The outbox store driven directly, as its drain loop drives it, on H2: when a commit wakes the loop, what a claim
 * takes and marks, how leases are renewed and ended, and what a broken table does. The loop's clock and the wall
 * clock move only when the test moves them; the loop's scheduler runs a pass only when the test says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcDeliveryStoreTests {

	private static final long MS = 1_000_000;

	private static final String TABLE = "CUSTOMERIO_DELIVERY_OUTBOX";

	private final MutableClock clock = new MutableClock();

	private final AtomicLong nanos = new AtomicLong();

	private final ManualScheduler loopScheduler = new ManualScheduler();

	private final JdbcDataSource dataSource = new JdbcDataSource();

	private JdbcTemplate jdbc;

	@BeforeEach
	void createTable() {
		this.dataSource.setURL("jdbc:h2:mem:outbox-store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(new ClassPathResource("io/github/ciospring/customerio/delivery/schema-h2.sql"))
			.execute(this.dataSource);
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	/** A store attached to a loop: batches of 3, 50 ms linger; the pass the attachment asked for has run. */
	private JdbcDeliveryStore attached(Duration pollInterval, Duration claimTimeout) {
		JdbcDeliveryStore store = JdbcDeliveryStore.builder(this.dataSource)
			.pollInterval(pollInterval)
			.claimTimeout(claimTimeout)
			.clock(this.clock)
			.build();
		DeliveryFixtures.Settings settings = settings().maxBatch(3, 499_999).linger(Duration.ofMillis(50));
		TrackDeliveryQueue.Builder builder = DeliveryFixtures.queueBuilder("http://localhost:1", 1, settings)
			.nanoClock(this.nanos::get);
		DrainLoop loop = new DrainLoop(builder, store, new Capacity(), this.loopScheduler);
		store.attach(settings.build(), loop);
		assertThat(this.loopScheduler.tasks).as("rows from before a start wait for no offer").hasSize(1);
		// the pass claims from the empty table and finds nothing due
		this.loopScheduler.runAll();
		return store;
	}

	private static byte[] json(int n) {
		return ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
	}

	private static PendingOperation offered(int n, CompletableFuture<DeliveryResult> handle) {
		return new PendingOperation(event(n), json(n), handle, null);
	}

	private List<Long> claimedUntil() {
		return this.jdbc.queryForList("SELECT CLAIMED_UNTIL FROM " + TABLE + " ORDER BY ID", Long.class);
	}

	@Test
	void aStoreBelongsToOneQueue() {
		JdbcDeliveryStore store = attached(Duration.ofSeconds(1), Duration.ofSeconds(2));
		DrainLoop other = new DrainLoop(DeliveryFixtures.queueBuilder("http://localhost:1", 1, settings()), store,
				new Capacity(), this.loopScheduler);

		assertThatIllegalStateException().isThrownBy(() -> store.attach(settings().build(), other))
			.withMessageContaining("one queue");
		assertThat(store.isDurable()).isTrue();
		assertThat(store.tableName()).isEqualTo(TABLE);
	}

	@Test
	void aCommitWakesTheLoopForTheFirstRowAndTheRowThatFillsABatchOnly() {
		JdbcDeliveryStore store = attached(Duration.ofSeconds(1), Duration.ofSeconds(2));
		CompletableFuture<DeliveryResult> handle = new CompletableFuture<>();
		this.nanos.set(10 * MS);

		store.add(offered(1, handle));

		assertThat(handle).isCompletedWithValue(DeliveryResult.stored());
		assertThat(this.loopScheduler.tasks).hasSize(1);
		this.loopScheduler.runAll();
		assertThat(store.isBatchDue(59 * MS, false)).as("lingers").isFalse();
		assertThat(store.isFull()).isFalse();
		store.add(offered(2, new CompletableFuture<>()));
		assertThat(this.loopScheduler.tasks).isEmpty();
		store.add(offered(3, new CompletableFuture<>()));
		assertThat(this.loopScheduler.tasks).hasSize(1);
		assertThat(store.isFull()).isTrue();
		assertThat(store.isBatchDue(10 * MS, false)).isTrue();
		assertThat(store.isBatchDue(10 * MS, true)).as("a closing queue claims nothing new").isFalse();
		assertThat(this.jdbc.queryForList("SELECT CREATED_AT FROM " + TABLE, Long.class)).hasSize(3)
			.containsOnly(this.clock.millis());
	}

	@Test
	void anImportsRowsWakeTheLoopOnceAndFillABatch() {
		JdbcDeliveryStore store = attached(Duration.ofSeconds(1), Duration.ofSeconds(2));

		store.addAll(List.of(json(1), json(2), json(3), json(4)));

		assertThat(this.loopScheduler.tasks).hasSize(1);
		assertThat(store.isFull()).isTrue();
		assertThat(this.jdbc.queryForList("SELECT CREATED_AT FROM " + TABLE, Long.class)).hasSize(4)
			.containsOnly(this.clock.millis());
	}

	@Test
	void aClaimTakesOneBatchAndLeasesItsRowsUntilTheyAreDeletedOrReleased() {
		JdbcDeliveryStore store = attached(Duration.ofSeconds(10), Duration.ofSeconds(2));
		store.addAll(List.of(json(1), json(2), json(3), json(4)));
		long claimedAt = this.clock.millis();
		// a poll interval after the attachment's claim: the depth is measured again
		long now = 10_000 * MS;
		this.nanos.set(now);

		Batch first = store.take();

		assertThat(first.count).isEqualTo(3);
		assertThat(first.items[0].rowId).isLessThan(first.items[2].rowId);
		assertThat(claimedUntil()).containsExactly(claimedAt + 2000, claimedAt + 2000, claimedAt + 2000, 0L);
		assertThat(store.depth()).as("measured with the claim").isEqualTo(4);
		assertThat(store.isBatchDue(now, false)).as("the claim came back full").isTrue();
		assertThat(store.delayNanos(now)).isZero();
		assertThat(store.maintenanceDelayNanos()).isEqualTo(1000 * MS);

		Batch second = store.take();

		assertThat(second.count).isEqualTo(1);
		assertThat(store.isBatchDue(now, false)).isFalse();
		assertThat(store.delayNanos(now)).as("the renewal comes before the poll").isEqualTo(1000 * MS);

		this.clock.advance(Duration.ofMillis(999));
		store.maintain();
		assertThat(claimedUntil()).containsOnly(claimedAt + 2000);
		this.clock.advance(Duration.ofMillis(1));
		store.maintain();
		assertThat(claimedUntil()).containsOnly(claimedAt + 3000);
		assertThat(store.maintenanceDelayNanos()).isEqualTo(1000 * MS);

		store.settled(first.items, first.count);
		assertThat(claimedUntil()).containsExactly(claimedAt + 3000);
		store.release(second);
		assertThat(claimedUntil()).containsExactly(0L);
		assertThat(store.maintenanceDelayNanos()).as("nothing held").isEqualTo(-1);
		assertThat(store.delayNanos(now)).as("only the poll").isEqualTo(10_000 * MS);
	}

	@Test
	void thePollComesBeforeARenewalThatIsFurtherOff() {
		JdbcDeliveryStore store = attached(Duration.ofSeconds(1), Duration.ofSeconds(10));
		store.addAll(List.of(json(1)));
		this.nanos.set(100 * MS);

		Batch batch = store.take();

		assertThat(batch.count).isEqualTo(1);
		assertThat(store.maintenanceDelayNanos()).isEqualTo(5000 * MS);
		assertThat(store.delayNanos(100 * MS)).isEqualTo(1000 * MS);
		assertThat(store.delayNanos(600 * MS)).isEqualTo(500 * MS);
	}

	@Test
	void anUnreadableTableIsTriedAgainAtThePollAndLeasesEndEvenIfTheDeleteFails(CapturedOutput output) {
		JdbcDeliveryStore store = attached(Duration.ofSeconds(1), Duration.ofSeconds(2));
		store.addAll(List.of(json(1), json(2), json(3), json(4)));
		Batch batch = store.take();
		assertThat(store.isFull()).isTrue();
		this.jdbc.execute("DROP TABLE " + TABLE);

		assertThat(store.take()).isNull();
		assertThat(output).contains("outbox could not be read; trying again in PT1S");
		assertThat(store.isFull()).as("the failed claim is no backlog").isFalse();
		assertThat(store.isBatchDue(999 * MS, false)).isFalse();
		assertThat(store.isBatchDue(1000 * MS, false)).isTrue();

		this.clock.advance(Duration.ofSeconds(1));
		store.maintain();
		assertThat(output).contains("outbox claim could not be renewed; another instance may send the batch again");
		assertThat(store.maintenanceDelayNanos()).as("a failed renewal is tried again").isZero();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> store.settled(batch.items, batch.count));
		assertThat(store.maintenanceDelayNanos()).as("the rows come back when the lease ends").isEqualTo(-1);
	}

	@Test
	void aClaimCommitsOnItsOwnEvenInsideACallersTransaction() {
		JdbcDeliveryStore store = attached(Duration.ofSeconds(1), Duration.ofSeconds(2));
		store.addAll(List.of(json(1)));
		TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(this.dataSource));

		// a loop whose scheduler is closed runs its pass on the thread that signalled it
		Batch batch = transaction.execute((status) -> {
			Batch claimed = store.take();
			status.setRollbackOnly();
			return claimed;
		});

		assertThat(batch.count).isEqualTo(1);
		assertThat(claimedUntil()).as("the lease outlived the caller's rollback")
			.containsExactly(this.clock.millis() + 2000);
	}

	@Test
	void claimsRunAtReadCommittedWhateverTheConnectionsDefault() {
		Queue<Integer> isolations = new ConcurrentLinkedQueue<>();
		DelegatingDataSource repeatableRead = new DelegatingDataSource(this.dataSource) {
			@Override
			public Connection getConnection() throws SQLException {
				Connection connection = super.getConnection();
				connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
				return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
						new Class<?>[] { Connection.class }, (proxy, method, args) -> {
							if (method.getName().equals("setTransactionIsolation")) {
								isolations.add((Integer) args[0]);
							}
							try {
								return method.invoke(connection, args);
							}
							catch (InvocationTargetException ex) {
								throw ex.getTargetException();
							}
						});
			}
		};
		JdbcDeliveryStore store = JdbcDeliveryStore.builder(repeatableRead).clock(this.clock).build();
		DeliveryFixtures.Settings settings = settings();
		DrainLoop loop = new DrainLoop(DeliveryFixtures.queueBuilder("http://localhost:1", 1, settings), store,
				new Capacity(), this.loopScheduler);
		store.attach(settings.build(), loop);

		assertThat(store.take()).isNull();

		assertThat(isolations).startsWith(Connection.TRANSACTION_READ_COMMITTED);
	}

	@Test
	void aBatchClaimedIsSentEvenWhenTheDepthCannotBeMeasured() {
		JdbcDeliveryStore store = attached(Duration.ofSeconds(1), Duration.ofSeconds(2));
		store.addAll(List.of(json(1), json(2), json(3)));
		// the claim and its lease read ID, OPERATION and CLAIMED_UNTIL; the depth query reads CREATED_AT
		this.jdbc.execute("ALTER TABLE " + TABLE + " ALTER COLUMN CREATED_AT RENAME TO CREATED");
		this.nanos.addAndGet(2000 * MS);

		Batch batch = store.take();

		assertThat(batch).as("the claimed batch, not lost to the gauges' failure").isNotNull();
		assertThat(claimedUntil()).doesNotContain(0L);
	}

	@Test
	void aFullClaimWhoseLeaseCannotBeWrittenWaitsForThePollInsteadOfClaimingAgainAtOnce() {
		JdbcDeliveryStore store = attached(Duration.ofSeconds(1), Duration.ofSeconds(2));
		store.addAll(List.of(json(1), json(2), json(3)));
		this.jdbc.execute("CREATE TRIGGER NO_LEASES BEFORE UPDATE ON " + TABLE + " FOR EACH ROW CALL '"
				+ RefuseUpdates.class.getName() + "'");

		assertThat(store.take()).isNull();

		assertThat(claimedUntil()).containsOnly(0L);
		assertThat(store.isFull()).isFalse();
		assertThat(store.isBatchDue(999 * MS, false)).isFalse();
		assertThat(store.isBatchDue(1000 * MS, false)).isTrue();
	}

	/** Fails every update of the outbox's rows: a claim finds its rows, then cannot lease them. */
	public static final class RefuseUpdates implements org.h2.api.Trigger {

		@Override
		public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
			throw new SQLException("updates refused");
		}

	}

}
