/**
 * Customer.io's side of reporting webhooks for tests: a sender that signs events as Customer.io does, so a test can
 * drive the application's webhook endpoint end to end.
 */
@NullMarked
package io.github.ciospring.customerio.test.webhooks;

import org.jspecify.annotations.NullMarked;
