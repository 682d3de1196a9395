package io.github.ciospring.customerio.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox: accepted operations as rows of a table in the application's database, so they exist if and only
 * if the transaction that offered them committed, survive any crash, and are shared by every instance of the
 * application. An offer inserts the operation's JSON (the same bytes, with the same event id, on every send)
 * through Spring's {@link JdbcTemplate}, so inside a Spring-managed transaction it joins it and a rollback
 * discards it. After the commit the drain loop is signalled at once; it claims when a batch is full or the
 * first committed row waited the queue's {@code linger} ({@link OutboxPace}), and a slow poll picks up rows of
 * other instances and from before a restart.
 * <p>
 * Instances claim batches with {@code SELECT ... FOR UPDATE SKIP LOCKED} and mark them with a lease
 * ({@code CLAIMED_UNTIL}), renewed until the rows are deleted or released ({@link OutboxLeases}); a crashed
 * instance's claims come back when the lease ends. Rows are deleted once
 * Customer.io accepted them or the failure handler has seen them. Threads: inserts on the callers' threads,
 * claims and leases on the queue's drain loop, deletes on the handler scheduler; shared state is volatile.
 */
public final class JdbcDeliveryStore extends DeliveryStore {

	private static final Log logger = LogFactory.getLog(JdbcDeliveryStore.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate claims;

	private final OutboxPlatform platform;

	private final String table;

	private final Clock clock;

	private final long pollNanos;

	private final OutboxSql sql;

	private final OutboxLeases leases;

	private DeliverySettings settings;

	private DrainLoop loop;

	/** When to claim; made when the store joins its queue. */
	private OutboxPace pace;

	private final OutboxDepth depth;

	private JdbcDeliveryStore(Builder builder) {
		this.jdbc = new JdbcTemplate(builder.dataSource);
		TransactionTemplate template = new TransactionTemplate(new JdbcTransactionManager(builder.dataSource));
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		// not MySQL's REPEATABLE READ, whose claims lock the gap at the table's end that every insert goes to
		template.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.claims = template;
		this.platform = this.jdbc.execute((Connection connection) -> OutboxPlatform.of(connection.getMetaData()));
		this.table = builder.tableName;
		this.clock = builder.clock;
		this.pollNanos = builder.pollInterval.toNanos();
		this.sql = new OutboxSql(this.table);
		this.leases = new OutboxLeases(this.clock, builder.claimTimeout.toMillis());
		this.depth = new OutboxDepth(this.jdbc, this.sql, this.clock, this.pollNanos);
	}

	/** A builder of an outbox in the given database. */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	public OutboxPlatform platform() {
		return this.platform;
	}

	public String tableName() {
		return this.table;
	}

	/**
	 * Checks that the outbox table exists and can be read.
	 * @throws IllegalStateException if it does not, naming the table and the schema script to run
	 */
	public void verifyTable() {
		try {
			this.jdbc.queryForObject(this.sql.verify, Long.class);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Customer.io delivery outbox table " + this.table
					+ " cannot be read (customerio.delivery.store=jdbc): create it with " + this.platform.schemaLocation()
					+ " (replacing CUSTOMERIO_ with your customerio.delivery.jdbc.table-prefix), or set"
					+ " customerio.delivery.jdbc.initialize-schema=always. Cause: " + ex.getMessage(), ex);
		}
	}

	@Override
	public long depth() {
		return this.depth.depth();
	}

	@Override
	public Duration oldestAge() {
		return this.depth.oldestAge();
	}

	@Override
	boolean isDurable() {
		return true;
	}

	@Override
	void attach(DeliverySettings settings, DrainLoop loop) {
		if (this.loop != null) {
			throw new IllegalStateException("a JdbcDeliveryStore belongs to one queue");
		}
		this.settings = settings;
		this.loop = loop;
		this.pace = new OutboxPace(settings, this.pollNanos, loop.now());
		// rows from before a start wait for no offer
		loop.signal();
	}

	@Override
	void add(PendingOperation item) {
		this.jdbc.update(this.sql.insert, item.json, this.clock.millis());
		OutboxSql.afterCommit(() -> {
			committed(1);
			item.complete(DeliveryResult.stored());
		}, () -> item.complete(DeliveryResult.discarded()));
	}

	@Override
	void addAll(List<byte[]> operations) {
		long now = this.clock.millis();
		List<Object[]> rows = new ArrayList<>(operations.size());
		for (byte[] json : operations) {
			rows.add(new Object[] { json, now });
		}
		this.jdbc.batchUpdate(this.sql.insert, rows);
		OutboxSql.afterCommit(() -> committed(rows.size()), () -> {
		});
	}

	/** After a commit: wakes the drain loop when the rows start a linger or fill a batch, not for each row. */
	private void committed(int rows) {
		if (this.pace.committed(rows, this.loop.now())) {
			this.loop.signal();
		}
	}

	@Override
	boolean isFull() {
		return this.pace.isFull();
	}

	@Override
	boolean isBatchDue(long now, boolean closing) {
		return !closing && this.pace.isDue(now);
	}

	@Override
	Batch take() {
		long now = this.loop.now();
		this.pace.claiming(now);
		Batch batch;
		try {
			long until = this.leases.leaseFromNow();
			batch = this.claims.execute((status) -> OutboxSql.claim(this.jdbc, this.sql, this.settings,
					this.clock.millis(), until, this.pace));
			if (batch != null) {
				this.leases.held(batch, until);
			}
		}
		catch (RuntimeException ex) {
			this.pace.failed();
			logger.warn("Customer.io delivery outbox could not be read; trying again in "
					+ Duration.ofNanos(this.pollNanos) + ": " + ex);
			return null;
		}
		// after the claim: a batch claimed and leased is sent even if the gauges cannot be read
		this.depth.measureIfDue(now);
		return batch;
	}

	/** Renews the claims of batches still held once half of their lease has passed. */
	@Override
	void maintain() {
		for (Batch batch : this.leases.dueForRenewal()) {
			try {
				renew(batch);
			}
			catch (RuntimeException ex) {
				logger.warn("Customer.io outbox claim could not be renewed; another instance may send the batch"
						+ " again (events keep their ids): " + ex);
			}
		}
	}

	/** The next claim, or the next renewal of a lease, whichever comes first. */
	@Override
	long delayNanos(long now) {
		long renewal = this.leases.millisToNextRenewal();
		long delay = this.pace.delayNanos(now);
		return (renewal < delay / 1_000_000) ? renewal * 1_000_000 : delay;
	}

	/** The next renewal of a lease; none when nothing is claimed. */
	@Override
	long maintenanceDelayNanos() {
		long renewal = this.leases.millisToNextRenewal();
		return (renewal == Long.MAX_VALUE) ? -1 : renewal * 1_000_000;
	}

	/** Deletes the rows; their lease is renewed until then, and dropped even if the delete fails. */
	@Override
	void settled(PendingOperation[] items, int count) {
		try {
			this.jdbc.update(this.sql.delete(items, count));
		}
		finally {
			// rows not deleted come back when the lease ends
			this.leases.ended(items);
		}
	}

	@Override
	void renew(Batch batch) {
		long until = this.leases.leaseFromNow();
		this.jdbc.update(this.sql.claimUntil(batch.items, batch.count), until);
		this.leases.held(batch, until);
	}

	@Override
	void release(Batch batch) {
		this.jdbc.update(this.sql.claimUntil(batch.items, batch.count), 0L);
		this.leases.ended(batch);
	}

	/** Builds a {@link JdbcDeliveryStore}. */
	public static final class Builder {

		private final DataSource dataSource;

		private String tableName = "CUSTOMERIO_DELIVERY_OUTBOX";

		private Duration pollInterval = Duration.ofSeconds(1);

		private Duration claimTimeout = Duration.ofMinutes(2);

		private Clock clock = Clock.systemUTC();

		private Builder(DataSource dataSource) {
			this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		}

		/** The table, by default {@code CUSTOMERIO_DELIVERY_OUTBOX}; letters, digits and underscores. */
		public Builder tableName(String tableName) {
			this.tableName = OutboxSql.requireTableName(tableName);
			return this;
		}

		/** How often rows of other instances and from before a restart are looked for; by default 1 s. */
		public Builder pollInterval(Duration pollInterval) {
			this.pollInterval = OutboxSql.requirePositive("poll-interval", pollInterval);
			return this;
		}

		/** How long a claimed batch is the claimer's alone, by default 2 minutes; renewed while in flight. */
		public Builder claimTimeout(Duration claimTimeout) {
			this.claimTimeout = OutboxSql.requirePositive("claim-timeout", claimTimeout);
			return this;
		}

		/** The wall clock of creation times and leases, shared by every instance; by default UTC. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		public JdbcDeliveryStore build() {
			return new JdbcDeliveryStore(this);
		}

	}

}
