package io.github.ciospring.customerio.delivery;

import javax.sql.DataSource;

import com.mysql.cj.jdbc.MysqlDataSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The outbox on MySQL 8 in a container; skipped where no Docker engine runs (the MariaDB twin,
 * {@link JdbcDeliveryStoreMariaDbTests}, always runs the same script and contract).
 */
@Testcontainers(disabledWithoutDocker = true)
class JdbcDeliveryStoreMySqlTestcontainersTests extends JdbcDeliveryStoreContract {

	@Container
	static MySQLContainer mysql = new MySQLContainer("mysql:8.4");

	private MysqlDataSource dataSource;

	@Override
	protected DataSource dataSource() {
		if (this.dataSource == null) {
			this.dataSource = new MysqlDataSource();
			this.dataSource.setUrl(mysql.getJdbcUrl());
			this.dataSource.setUser(mysql.getUsername());
			this.dataSource.setPassword(mysql.getPassword());
		}
		return this.dataSource;
	}

	@Override
	protected String platform() {
		return "mysql";
	}

}
