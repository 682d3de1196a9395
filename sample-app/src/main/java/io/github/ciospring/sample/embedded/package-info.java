/**
 * Runs the Customer.io sandbox inside the sample application for local demos.
 */
@NullMarked
package io.github.ciospring.sample.embedded;

import org.jspecify.annotations.NullMarked;
