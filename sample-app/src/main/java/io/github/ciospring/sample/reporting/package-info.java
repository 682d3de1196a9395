/**
 * Receives Customer.io reporting webhooks.
 */
@NullMarked
package io.github.ciospring.sample.reporting;

import org.jspecify.annotations.NullMarked;
