package io.github.ciospring.customerio.autoconfigure;

/**
 * The App API is wanted: {@code customerio.app.enabled=true}, or an API key is set.
 */
final class CustomerIoAppCondition extends CustomerIoApiCondition {

	CustomerIoAppCondition() {
		super("app", "api-key");
	}

}
