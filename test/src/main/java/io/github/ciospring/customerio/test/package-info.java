/**
 * Test support for applications that use the Customer.io clients: a sandbox server and its connection details.
 */
@NullMarked
package io.github.ciospring.customerio.test;

import org.jspecify.annotations.NullMarked;
