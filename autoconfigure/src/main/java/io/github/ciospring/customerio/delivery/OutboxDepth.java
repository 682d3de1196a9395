package io.github.ciospring.customerio.delivery;

import java.time.Clock;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the outbox holds, for the gauges and health: the row count and the oldest row's creation time, read with
 * one query at most once a poll interval on the drain loop, and read back from any thread.
 */
final class OutboxDepth {

	private static final Log logger = LogFactory.getLog(OutboxDepth.class);

	private final JdbcTemplate jdbc;

	private final String query;

	private final Clock clock;

	private final long intervalNanos;

	private volatile long nextAt;

	private volatile long depth;

	private volatile long oldestCreatedAt;

	OutboxDepth(JdbcTemplate jdbc, OutboxSql sql, Clock clock, long intervalNanos) {
		this.jdbc = jdbc;
		this.query = sql.measure;
		this.clock = clock;
		this.intervalNanos = intervalNanos;
	}

	long depth() {
		return this.depth;
	}

	Duration oldestAge() {
		long oldest = this.oldestCreatedAt;
		return (oldest == 0) ? Duration.ZERO : Duration.ofMillis(Math.max(0, this.clock.millis() - oldest));
	}

	/**
	 * Measures again if an interval passed since the last time; drain loop only. A failure keeps the last figures
	 * and is logged: it must not cost the batch the loop just claimed.
	 */
	void measureIfDue(long now) {
		if (now - this.nextAt >= 0) {
			this.nextAt = now + this.intervalNanos;
			try {
				this.jdbc.query(this.query, (rs) -> {
					this.depth = rs.getLong(1);
					this.oldestCreatedAt = rs.getLong(2);
				});
			}
			catch (RuntimeException ex) {
				logger.warn("Customer.io delivery outbox depth could not be measured: " + ex);
			}
		}
	}

}
