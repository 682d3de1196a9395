package io.github.ciospring.customerio.delivery;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The outbox on PostgreSQL in a container; skipped where no Docker engine runs (the embedded twin,
 * {@link JdbcDeliveryStorePostgresTests}, always runs).
 */
@Testcontainers(disabledWithoutDocker = true)
class JdbcDeliveryStoreTestcontainersTests extends JdbcDeliveryStoreContract {

	@Container
	static PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	private PGSimpleDataSource dataSource;

	@Override
	protected DataSource dataSource() {
		if (this.dataSource == null) {
			this.dataSource = new PGSimpleDataSource();
			this.dataSource.setUrl(postgres.getJdbcUrl());
			this.dataSource.setUser(postgres.getUsername());
			this.dataSource.setPassword(postgres.getPassword());
		}
		return this.dataSource;
	}

	@Override
	protected String platform() {
		return "postgresql";
	}

}
