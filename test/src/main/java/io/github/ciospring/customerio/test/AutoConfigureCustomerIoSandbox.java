package io.github.ciospring.customerio.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.SandboxApi;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Runs the test's application context against an embedded Customer.io sandbox, on a {@code @SpringBootTest} or a
 * test slice: starts a {@link CustomerIoSandbox} on a random port of 127.0.0.1, switches on the clients of the
 * chosen {@link #apis()} (unless a {@code customerio.<api>.enabled} property says otherwise) and points them at it
 * with credentials it accepts, through a {@code CustomerIoConnectionDetails} bean that replaces the
 * {@code customerio.*} properties' base URLs and credentials. The sandbox is a bean, so a test can
 * {@code @Autowired} it to ask what arrived and to inject faults; it is {@link CustomerIoSandbox#reset() reset}
 * before every test method and stopped when the context closes. Contexts with the same settings share one sandbox
 * through Spring's context cache.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureCustomerIoSandbox {

	/** The APIs whose clients are switched on and pointed at the sandbox; all three by default. */
	SandboxApi[] apis() default { SandboxApi.TRACK, SandboxApi.APP, SandboxApi.PIPELINES };

	/** Whether to reset the sandbox before every test method (the default) or keep what earlier tests left. */
	boolean resetBeforeEachTest() default true;

}
