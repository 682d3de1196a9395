/**
 * Auto-configuration of the Customer.io clients' Micrometer metrics.
 */
@NullMarked
package io.github.ciospring.customerio.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
