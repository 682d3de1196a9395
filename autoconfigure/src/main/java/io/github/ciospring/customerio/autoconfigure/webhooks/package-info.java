/**
 * Auto-configuration of the Customer.io reporting webhooks receiver.
 */
@NullMarked
package io.github.ciospring.customerio.autoconfigure.webhooks;

import org.jspecify.annotations.NullMarked;
