/**
 * JUnit 5 extension that starts a Customer.io sandbox for a test class.
 */
@NullMarked
package io.github.ciospring.customerio.test.junit;

import org.jspecify.annotations.NullMarked;
