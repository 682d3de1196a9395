/**
 * Verification and parsing of Customer.io reporting webhooks.
 */
@NullMarked
package io.github.ciospring.customerio.webhooks;

import org.jspecify.annotations.NullMarked;
