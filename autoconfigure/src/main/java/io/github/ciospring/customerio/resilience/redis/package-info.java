/**
 * Redis-backed shared rate limiting, so a fleet of instances stays within one account's limit.
 */
@NullMarked
package io.github.ciospring.customerio.resilience.redis;

import org.jspecify.annotations.NullMarked;
