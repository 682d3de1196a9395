package io.github.ciospring.customerio.test.junit;

import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.SandboxConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A Customer.io sandbox for plain JUnit 5 tests that build their clients by hand. With
 * {@code @ExtendWith(CustomerIoSandboxExtension.class)} the sandbox has the default configuration; with
 * {@code @RegisterExtension static CustomerIoSandboxExtension customerIo = new CustomerIoSandboxExtension(config)}
 * it has the given one. Either way a test (or lifecycle) method can take a {@link CustomerIoSandbox} parameter;
 * the sandbox starts once per test class (nested classes share their enclosing class's), is
 * {@link CustomerIoSandbox#reset() reset} before every test and stops after the class's last test.
 */
public final class CustomerIoSandboxExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(CustomerIoSandboxExtension.class);

	private final SandboxConfig config;

	/** An extension whose sandbox has the default configuration (Customer.io's documented limits). */
	public CustomerIoSandboxExtension() {
		this(SandboxConfig.defaults());
	}

	/** An extension whose sandbox has the given configuration. */
	public CustomerIoSandboxExtension(SandboxConfig config) {
		this.config = config;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		sandbox(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		sandbox(context).reset();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == CustomerIoSandbox.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return sandbox(extensionContext);
	}

	/**
	 * The sandbox of the test class the context belongs to, started on first use. Kept in the outermost class's
	 * store, so nested classes share it, and closed by JUnit when that class's tests are done.
	 */
	public CustomerIoSandbox sandbox(ExtensionContext context) {
		ExtensionContext owner = outermostClassContext(context);
		return owner.getStore(NAMESPACE)
			.computeIfAbsent(CustomerIoSandbox.class, (key) -> CustomerIoSandbox.start(this.config),
					CustomerIoSandbox.class);
	}

	private static ExtensionContext outermostClassContext(ExtensionContext context) {
		ExtensionContext owner = context;
		ExtensionContext current = context;
		while (current.getParent().isPresent()) {
			current = current.getParent().get();
			if (current.getTestClass().isPresent() && current.getParent().isPresent()) {
				owner = current;
			}
		}
		return owner;
	}

}
