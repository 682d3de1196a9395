package io.github.ciospring.customerio.test.sandbox;

import java.lang.System.Logger.Level;

import com.github.tomakehurst.wiremock.common.Notifier;

/**
 * Sends WireMock's own messages to the platform logger (so to the application's logging): its chatter at DEBUG,
 * its errors at WARNING.
 */
final class SandboxNotifier implements Notifier {

	private static final System.Logger logger = System.getLogger(CustomerIoSandbox.class.getName());

	@Override
	public void info(String message) {
		logger.log(Level.DEBUG, message);
	}

	@Override
	public void error(String message) {
		logger.log(Level.WARNING, message);
	}

	@Override
	public void error(String message, Throwable failure) {
		logger.log(Level.WARNING, message, failure);
	}

}
