/**
 * Spring Boot auto-configuration for the Customer.io clients: their properties, connection details, HTTP client
 * and the Track, App and Pipelines clients. Delivery, shared rate limits, webhooks, metrics and Actuator support
 * live in sub-packages, which may depend on this package but never the other way round.
 */
@NullMarked
package io.github.ciospring.customerio.autoconfigure;

import org.jspecify.annotations.NullMarked;
