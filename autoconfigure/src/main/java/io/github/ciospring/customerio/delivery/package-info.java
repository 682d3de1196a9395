/**
 * Queued, rate-limited delivery of Track and Pipelines calls, with in-memory and durable (JDBC) stores.
 */
@NullMarked
package io.github.ciospring.customerio.delivery;

import org.jspecify.annotations.NullMarked;
