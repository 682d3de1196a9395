/**
 * Spring Boot auto-configuration for the Customer.io clients, their delivery, health indicators and endpoint.
 */
@NullMarked
package io.github.ciospring.customerio.autoconfigure;

import org.jspecify.annotations.NullMarked;
