/**
 * Client for Customer.io's Data Pipelines API (identify, track, page, screen, group, alias, batch).
 */
@NullMarked
package io.github.ciospring.customerio.pipelines;

import org.jspecify.annotations.NullMarked;
