/**
 * Auto-configuration of what Actuator shows of the Customer.io clients.
 */
@NullMarked
package io.github.ciospring.customerio.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
