/**
 * HTTP transport shared by the clients: the WebClient wrapper, error mapping, retries and redaction.
 */
@NullMarked
package io.github.ciospring.customerio.http;

import org.jspecify.annotations.NullMarked;
