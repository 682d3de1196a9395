/**
 * Client for Customer.io's Track API (people, events, devices, batch).
 */
@NullMarked
package io.github.ciospring.customerio.track;

import org.jspecify.annotations.NullMarked;
