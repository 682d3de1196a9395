/**
 * Actuator health contributors and indicators for the Customer.io clients and their delivery queues.
 */
@NullMarked
package io.github.ciospring.customerio.autoconfigure.actuate.health;

import org.jspecify.annotations.NullMarked;
