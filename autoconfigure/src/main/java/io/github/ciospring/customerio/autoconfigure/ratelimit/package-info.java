/**
 * Auto-configuration of rate limits shared by every instance through Redis.
 */
@NullMarked
package io.github.ciospring.customerio.autoconfigure.ratelimit;

import org.jspecify.annotations.NullMarked;
