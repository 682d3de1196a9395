/**
 * Client for Customer.io's App API (transactional messages, broadcasts, customer look-ups).
 */
@NullMarked
package io.github.ciospring.customerio.app;

import org.jspecify.annotations.NullMarked;
