/**
 * Sample application that uses the Customer.io starter.
 */
@NullMarked
package io.github.ciospring.sample;

import org.jspecify.annotations.NullMarked;
