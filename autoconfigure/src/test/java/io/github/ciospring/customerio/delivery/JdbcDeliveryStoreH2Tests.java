package io.github.ciospring.customerio.delivery;

import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/**
 * The outbox on H2.
 */
class JdbcDeliveryStoreH2Tests extends JdbcDeliveryStoreContract {

	private final JdbcDataSource dataSource = new JdbcDataSource();

	JdbcDeliveryStoreH2Tests() {
		this.dataSource.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	@Override
	protected DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	protected String platform() {
		return "h2";
	}

}
