package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.UUID;

import io.github.ciospring.customerio.delivery.OutboxLeasesTests.MutableClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the outbox holds, on H2: the row count and the oldest row's age, measured once a poll interval on the
 * drain loop's (made-up) nanosecond clock and aged on a wall clock that moves when told.
 */
class OutboxDepthTests {

	private static final long MS = 1_000_000;

	private final MutableClock clock = new MutableClock();

	private JdbcTemplate jdbc;

	private OutboxDepth depth;

	@BeforeEach
	void createTable() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:depth-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(
				new ClassPathResource("io/github/ciospring/customerio/delivery/schema-h2.sql"))
			.execute(dataSource);
		this.jdbc = new JdbcTemplate(dataSource);
		this.depth = new OutboxDepth(this.jdbc, new OutboxSql("CUSTOMERIO_DELIVERY_OUTBOX"), this.clock, 1000 * MS);
	}

	private void insert(long createdAt) {
		this.jdbc.update("INSERT INTO CUSTOMERIO_DELIVERY_OUTBOX (OPERATION, CREATED_AT) VALUES (?, ?)",
				new byte[] { '{', '}' }, createdAt);
	}

	@Test
	void nothingIsKnownBeforeTheFirstMeasurement() {
		insert(this.clock.millis());

		assertThat(this.depth.depth()).isZero();
		assertThat(this.depth.oldestAge()).isZero();
	}

	@Test
	void theFirstMeasurementCountsTheRowsAndAgesTheOldest() {
		long now = this.clock.millis();
		insert(now - 3000);
		insert(now - 500);
		insert(now);

		this.depth.measureIfDue(0);

		assertThat(this.depth.depth()).isEqualTo(3);
		assertThat(this.depth.oldestAge()).isEqualTo(Duration.ofSeconds(3));
		this.clock.advance(Duration.ofMillis(250));
		assertThat(this.depth.oldestAge()).as("ages between measurements").isEqualTo(Duration.ofMillis(3250));
	}

	@Test
	void theTableIsReadAgainOnlyOnceAnIntervalPassed() {
		insert(this.clock.millis());
		this.depth.measureIfDue(0);
		insert(this.clock.millis());

		this.depth.measureIfDue(999 * MS);
		assertThat(this.depth.depth()).isEqualTo(1);
		this.depth.measureIfDue(1000 * MS);
		assertThat(this.depth.depth()).isEqualTo(2);
		insert(this.clock.millis());
		this.depth.measureIfDue(1999 * MS);
		assertThat(this.depth.depth()).isEqualTo(2);
		this.depth.measureIfDue(2000 * MS);
		assertThat(this.depth.depth()).isEqualTo(3);
	}

	@Test
	void anEmptiedTableHasNoOldestRow() {
		insert(this.clock.millis() - 5000);
		this.depth.measureIfDue(0);
		this.jdbc.update("DELETE FROM CUSTOMERIO_DELIVERY_OUTBOX");

		this.depth.measureIfDue(1000 * MS);

		assertThat(this.depth.depth()).isZero();
		assertThat(this.depth.oldestAge()).isZero();
	}

	@Test
	void aRowStampedAheadOfThisInstancesClockIsNotOlderThanNothing() {
		insert(this.clock.millis() + 2000);

		this.depth.measureIfDue(0);

		assertThat(this.depth.depth()).isEqualTo(1);
		assertThat(this.depth.oldestAge()).isZero();
	}

}
