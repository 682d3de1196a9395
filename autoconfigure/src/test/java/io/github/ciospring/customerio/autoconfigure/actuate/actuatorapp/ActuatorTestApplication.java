package io.github.ciospring.customerio.autoconfigure.actuate.actuatorapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A tiny WebFlux application with Actuator and the starter's auto-configuration, for tests against the real
 * endpoints. Alone in its package so its component scan picks up nothing else.
 */
@SpringBootApplication
public class ActuatorTestApplication {

}
