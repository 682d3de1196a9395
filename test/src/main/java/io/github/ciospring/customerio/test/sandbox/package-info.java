/**
 * A stand-in Customer.io server on WireMock that checks requests as Customer.io does and records them.
 */
@NullMarked
package io.github.ciospring.customerio.test.sandbox;

import org.jspecify.annotations.NullMarked;
