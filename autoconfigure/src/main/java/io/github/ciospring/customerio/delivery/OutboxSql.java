package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox's statements on one table, and the claim and commit plumbing around them. Row lists are written
 * into the statement: they are ids the database gave, never input. Immutable.
 */
final class OutboxSql {

	private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	final String insert;

	final String claim;

	final String measure;

	final String verify;

	private final String table;

	OutboxSql(String table) {
		this.table = table;
		this.insert = "INSERT INTO " + table + " (OPERATION, CREATED_AT, CLAIMED_UNTIL) VALUES (?, ?, 0)";
		this.claim = "SELECT ID, OPERATION FROM " + table
				+ " WHERE CLAIMED_UNTIL < ? ORDER BY ID LIMIT ? FOR UPDATE SKIP LOCKED";
		this.measure = "SELECT COUNT(*), MIN(CREATED_AT) FROM " + table;
		this.verify = "SELECT COUNT(*) FROM " + table + " WHERE ID < 0";
	}

	/** Sets the rows' lease end (the parameter); 0 releases them. */
	String claimUntil(PendingOperation[] items, int count) {
		return "UPDATE " + this.table + " SET CLAIMED_UNTIL = ? WHERE ID IN (" + ids(items, count) + ")";
	}

	String delete(PendingOperation[] items, int count) {
		return "DELETE FROM " + this.table + " WHERE ID IN (" + ids(items, count) + ")";
	}

	static String requireTableName(String tableName) {
		if (tableName == null || !TABLE_NAME.matcher(tableName).matches()) {
			throw new IllegalArgumentException("delivery jdbc table name must be letters, digits and underscores"
					+ " (optionally schema.table), was '" + tableName + "'");
		}
		return tableName;
	}

	static Duration requirePositive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("delivery jdbc " + property + " must be positive, was " + value);
		}
		return value;
	}

	/**
	 * Claims the oldest unclaimed rows that fit one batch, in the caller's transaction: locks up to
	 * {@code maxBatchItems} rows nobody else has locked, keeps those within {@code maxBatchBytes}, and sets their
	 * lease until {@code until}; the others' locks go with the transaction. Tells the pace how many were found and
	 * kept, so it knows whether more rows wait.
	 */
	static Batch claim(JdbcTemplate jdbc, OutboxSql sql, DeliverySettings settings, long now, long until,
			OutboxPace pace) {
		List<PendingOperation> rows = jdbc.query(sql.claim,
				(rs, n) -> PendingOperation.stored(rs.getLong(1), rs.getBytes(2)), now, settings.maxBatchItems());
		if (rows.isEmpty()) {
			pace.claimed(0, 0);
			return null;
		}
		PendingOperation[] items = new PendingOperation[rows.size()];
		int count = 0;
		long size = BatchBody.size(0, 0) - 1;
		for (PendingOperation row : rows) {
			if (count > 0 && size + row.json.length + 1 > settings.maxBatchBytes()) {
				break;
			}
			items[count++] = row;
			size += row.json.length + 1;
		}
		pace.claimed(rows.size(), count);
		jdbc.update(sql.claimUntil(items, count), until);
		return new Batch(items, count, BatchBody.encode(items, count));
	}

	/** Runs {@code committed} once the caller's Spring-managed transaction commits, or at once without one. */
	static void afterCommit(Runnable committed, Runnable rolledBack) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			committed.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_COMMITTED) {
					committed.run();
				}
				else {
					rolledBack.run();
				}
			}
		});
	}

	private static String ids(PendingOperation[] items, int count) {
		StringBuilder ids = new StringBuilder(count * 8);
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				ids.append(',');
			}
			ids.append(items[i].rowId);
		}
		return ids.toString();
	}

}
