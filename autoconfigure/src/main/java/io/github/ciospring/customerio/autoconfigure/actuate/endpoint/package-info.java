/**
 * The {@code customerio} Actuator endpoint and the masking of Customer.io keys.
 */
@NullMarked
package io.github.ciospring.customerio.autoconfigure.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
