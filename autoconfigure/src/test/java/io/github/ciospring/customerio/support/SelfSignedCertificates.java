package io.github.ciospring.customerio.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for {@code localhost}/{@code 127.0.0.1} and a trust store holding it, made with
 * the JDK's {@code keytool}, so no key material is checked in.
 */
public final class SelfSignedCertificates {

	public static final String PASSWORD = "changeit";

	private final Path keyStore;

	private final Path trustStore;

	private SelfSignedCertificates(Path keyStore, Path trustStore) {
		this.keyStore = keyStore;
		this.trustStore = trustStore;
	}

	/** Creates {@code server.p12} (key and certificate) and {@code trust.p12} (the certificate) in the directory. */
	public static SelfSignedCertificates create(Path directory) throws IOException, InterruptedException {
		Path keyStore = directory.resolve("server.p12");
		Path certificate = directory.resolve("server.crt");
		Path trustStore = directory.resolve("trust.p12");
		keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
				"-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keyStore.toString(),
				"-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
		keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
				"-storepass", PASSWORD, "-rfc", "-file", certificate.toString());
		keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-keystore",
				trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
		return new SelfSignedCertificates(keyStore, trustStore);
	}

	public Path keyStore() {
		return this.keyStore;
	}

	public Path trustStore() {
		return this.trustStore;
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
		}
	}

}
