package io.github.ciospring.customerio.autoconfigure;

import io.github.ciospring.customerio.Region;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every Customer.io API.
 *
 * @param enabled whether any Customer.io client is configured
 * @param region the data center of the account; picks every API's host
 */
@ConfigurationProperties("customerio")
public record CustomerIoProperties(@DefaultValue("true") boolean enabled, @DefaultValue("us") Region region) {

}
