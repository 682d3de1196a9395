package io.github.ciospring.customerio.app;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A person's identifiers as Customer.io returns them. {@code id} or {@code email} is {@code null} when unset.
 *
 * @param id the person's id
 * @param email the person's email address
 * @param cioId the identifier Customer.io assigned
 */
public record CustomerIdentifiers(String id, String email, @JsonProperty("cio_id") String cioId) {
}
