/**
 * Rate limiting and pacing that keep calls within Customer.io's published limits.
 */
@NullMarked
package io.github.ciospring.customerio.resilience;

import org.jspecify.annotations.NullMarked;
