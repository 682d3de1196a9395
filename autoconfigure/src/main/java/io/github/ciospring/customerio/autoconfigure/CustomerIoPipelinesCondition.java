package io.github.ciospring.customerio.autoconfigure;

/**
 * The Pipelines API is wanted: {@code customerio.pipelines.enabled=true}, or an API key is set.
 */
final class CustomerIoPipelinesCondition extends CustomerIoApiCondition {

	CustomerIoPipelinesCondition() {
		super("pipelines", "api-key");
	}

}
