package io.github.ciospring.customerio.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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
 * discards it; after the commit the drain loop is signalled at once, and a slow poll picks up rows of other
 * instances and from before a restart.
 * <p>
 * Instances claim batches with {@code SELECT ... FOR UPDATE SKIP LOCKED} and mark them with a lease
 * ({@code CLAIMED_UNTIL}); a crashed instance's claims come back when the lease ends. Rows are deleted once
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

	private final long leaseMillis;

	private final OutboxSql sql;

	private DeliverySettings settings;

	private DrainLoop loop;

	/** Set when rows may be waiting: after a commit, or after a claim that found some. */
	private volatile boolean mayHaveRows = true;

	private volatile long nextPollAt;

	private volatile long nextMeasureAt;

	/** Batches claimed by this instance and not yet settled or released, with when their claim ends. */
	private final Map<Batch, Long> claimed = new ConcurrentHashMap<>();

	private volatile long depth;

	private volatile long oldestCreatedAt;

	private JdbcDeliveryStore(Builder builder) {
		this.jdbc = new JdbcTemplate(builder.dataSource);
		TransactionTemplate template = new TransactionTemplate(new JdbcTransactionManager(builder.dataSource));
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.claims = template;
		this.platform = this.jdbc.execute((Connection connection) -> OutboxPlatform.of(connection.getMetaData()));
		this.table = builder.tableName;
		this.clock = builder.clock;
		this.pollNanos = builder.pollInterval.toNanos();
		this.leaseMillis = builder.claimTimeout.toMillis();
		this.sql = new OutboxSql(this.table);
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
		return this.depth;
	}

	@Override
	public Duration oldestAge() {
		long oldest = this.oldestCreatedAt;
		return (oldest == 0) ? Duration.ZERO : Duration.ofMillis(Math.max(0, this.clock.millis() - oldest));
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
		// rows from before a start wait for no offer
		loop.signal();
	}

	@Override
	void add(PendingOperation item) {
		this.jdbc.update(this.sql.insert, item.json, this.clock.millis());
		OutboxSql.afterCommit(() -> {
			committed();
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
		OutboxSql.afterCommit(this::committed, () -> {
		});
	}

	private void committed() {
		this.mayHaveRows = true;
		this.loop.signal();
	}

	@Override
	boolean isBatchDue(long now, boolean closing) {
		return !closing && (this.mayHaveRows || now - this.nextPollAt >= 0);
	}

	@Override
	Batch take() {
		this.mayHaveRows = false;
		long now = this.loop.now();
		this.nextPollAt = now + this.pollNanos;
		Batch batch;
		try {
			batch = this.claims.execute((status) -> OutboxSql.claim(this.jdbc, this.sql, this.settings,
					this.clock.millis(), this.leaseMillis));
			if (batch != null) {
				this.claimed.put(batch, this.clock.millis() + this.leaseMillis);
			}
			if (now - this.nextMeasureAt >= 0) {
				this.nextMeasureAt = now + this.pollNanos;
				measure();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Customer.io delivery outbox could not be read; trying again in "
					+ Duration.ofNanos(this.pollNanos) + ": " + ex);
			return null;
		}
		if (batch != null) {
			this.mayHaveRows = true;
		}
		return batch;
	}

	/** Renews the claims of batches still in flight once half of their lease has passed. */
	@Override
	void maintain() {
		long now = this.clock.millis();
		for (Map.Entry<Batch, Long> claim : this.claimed.entrySet()) {
			if (claim.getValue() - now < this.leaseMillis / 2) {
				try {
					renew(claim.getKey());
				}
				catch (RuntimeException ex) {
					logger.warn("Customer.io outbox claim could not be renewed; another instance may send the batch"
							+ " again (events keep their ids): " + ex);
				}
			}
		}
	}

	/** Measures the depth and the oldest row; the drain loop does so at most once a poll interval. */
	private void measure() {
		this.jdbc.query(this.sql.measure, (rs) -> {
			this.depth = rs.getLong(1);
			this.oldestCreatedAt = rs.getLong(2);
		});
	}

	@Override
	long delayNanos(long now) {
		return Math.max(0, this.nextPollAt - now);
	}

	@Override
	void settled(PendingOperation[] items, int count) {
		this.claimed.keySet().removeIf((batch) -> batch.items == items);
		this.jdbc.update(this.sql.delete(items, count));
	}

	@Override
	void renew(Batch batch) {
		long until = this.clock.millis() + this.leaseMillis;
		this.jdbc.update(this.sql.claimUntil(batch.items, batch.count), until);
		this.claimed.replace(batch, until);
	}

	@Override
	void release(Batch batch) {
		this.claimed.remove(batch);
		this.jdbc.update(this.sql.claimUntil(batch.items, batch.count), 0L);
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
