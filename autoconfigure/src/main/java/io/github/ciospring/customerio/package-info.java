/**
 * Shared Customer.io types and the settings every client uses: regions, credentials, JSON encoding and limits.
 * Plain Java: no Spring Boot types.
 */
@NullMarked
package io.github.ciospring.customerio;

import org.jspecify.annotations.NullMarked;
