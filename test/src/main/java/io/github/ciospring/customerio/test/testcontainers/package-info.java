/**
 * Testcontainers support: a Customer.io sandbox in a container, with service connection details.
 */
@NullMarked
package io.github.ciospring.customerio.test.testcontainers;

import org.jspecify.annotations.NullMarked;
