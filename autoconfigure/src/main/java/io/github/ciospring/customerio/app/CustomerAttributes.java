package io.github.ciospring.customerio.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ciospring.customerio.JsonPayloads;

/**
 * A person's profile as {@code GET /v1/customers/{customer_id}/attributes} returns it.
 *
 * @param id the person's id
 * @param identifiers the person's identifiers
 * @param attributes the person's attributes, identifiers included; Customer.io stores them as strings
 * @param unsubscribed whether the person is unsubscribed from every channel
 * @param devices the person's push devices
 */
public record CustomerAttributes(String id, CustomerIdentifiers identifiers, Map<String, Object> attributes,
		Boolean unsubscribed, List<Device> devices) {

	public CustomerAttributes {
		attributes = JsonPayloads.orderedCopy(attributes);
		devices = (devices != null) ? List.copyOf(devices) : List.of();
	}

	/**
	 * A push device of the person.
	 *
	 * @param id the device token
	 * @param platform {@code ios} or {@code android}
	 * @param lastUsed when the device was last identified
	 * @param attributes the device's attributes
	 */
	public record Device(String id, String platform, @JsonProperty("last_used") Instant lastUsed,
			Map<String, Object> attributes) {

	}

}
