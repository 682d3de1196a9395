package io.github.ciospring.customerio.delivery;

import java.sql.DatabaseMetaData;
import java.util.Locale;

/**
 * The databases the outbox runs on, each with its schema script and its way of claiming rows other instances
 * have not locked.
 */
public enum OutboxPlatform {

	/** PostgreSQL 9.5 and later. */
	POSTGRESQL("postgresql"),

	/** MySQL 8.0 and later, and MariaDB 10.6 and later. */
	MYSQL("mysql"),

	/** H2 2.x. */
	H2("h2");

	private final String id;

	OutboxPlatform(String id) {
		this.id = id;
	}

	/** The platform name in script names: {@code postgresql}, {@code mysql} or {@code h2}. */
	public String id() {
		return this.id;
	}

	/** The schema script for this platform, as a classpath location. */
	public String schemaLocation() {
		return "classpath:io/github/ciospring/customerio/delivery/schema-" + this.id + ".sql";
	}

	/**
	 * The platform of a database, from its product name.
	 * @throws IllegalStateException for a database the outbox does not support, naming the supported ones
	 */
	public static OutboxPlatform of(String productName) {
		String name = String.valueOf(productName).toLowerCase(Locale.ROOT);
		if (name.contains("postgres")) {
			return POSTGRESQL;
		}
		if (name.contains("mysql") || name.contains("mariadb")) {
			return MYSQL;
		}
		if (name.equals("h2")) {
			return H2;
		}
		throw new IllegalStateException("Customer.io delivery outbox (customerio.delivery.store=jdbc) supports "
				+ "PostgreSQL, MySQL 8/MariaDB and H2, not " + productName);
	}

	static OutboxPlatform of(DatabaseMetaData metaData) throws java.sql.SQLException {
		return of(metaData.getDatabaseProductName());
	}

}
