package io.github.ciospring.customerio.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when one Customer.io API is wanted: {@code customerio.enabled} is not {@code false}, and
 * {@code customerio.<api>.enabled} is {@code true}, or is unset while one of the API's credential properties is
 * set. So adding the starter switches on just the APIs that have credentials, and {@code enabled: true} makes
 * missing credentials a startup failure that names the property.
 */
abstract class CustomerIoApiCondition extends SpringBootCondition {

	private final String api;

	private final List<String> credentialProperties;

	CustomerIoApiCondition(String api, String... credentialProperties) {
		this.api = api;
		this.credentialProperties = List.of(credentialProperties);
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		String prefix = "customerio." + this.api + ".";
		if ("false".equalsIgnoreCase(environment.getProperty("customerio.enabled"))) {
			return ConditionOutcome.noMatch("customerio.enabled is false");
		}
		String enabled = environment.getProperty(prefix + "enabled");
		if (enabled != null) {
			return Boolean.parseBoolean(enabled.trim()) ? ConditionOutcome.match(prefix + "enabled is true")
					: ConditionOutcome.noMatch(prefix + "enabled is false");
		}
		for (String property : this.credentialProperties) {
			if (environment.containsProperty(prefix + property)) {
				return ConditionOutcome.match(prefix + property + " is set");
			}
		}
		return ConditionOutcome.noMatch("no " + prefix + String.join(" or " + prefix, this.credentialProperties)
				+ " set and " + prefix + "enabled not true");
	}

}
