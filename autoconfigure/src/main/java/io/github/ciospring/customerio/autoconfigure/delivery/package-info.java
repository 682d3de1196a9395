/**
 * Auto-configuration of the Track delivery queue: its store, outbox schema and lifecycle.
 */
@NullMarked
package io.github.ciospring.customerio.autoconfigure.delivery;

import org.jspecify.annotations.NullMarked;
