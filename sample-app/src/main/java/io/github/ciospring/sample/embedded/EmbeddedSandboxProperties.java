package io.github.ciospring.sample.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether the sample app runs against the embedded Customer.io sandbox. Read before the application context
 * starts, by {@link EmbeddedSandboxInitializer}.
 *
 * @param enabled {@code true} always uses the sandbox (even with credentials configured), {@code false} never;
 * unset (the default) uses it when no Customer.io credentials are configured
 * @param port the sandbox's port on 127.0.0.1; 0 (the default) picks a free one
 */
@ConfigurationProperties("sample.sandbox")
public record EmbeddedSandboxProperties(Boolean enabled, @DefaultValue("0") int port) {

}
