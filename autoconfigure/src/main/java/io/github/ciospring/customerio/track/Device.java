package io.github.ciospring.customerio.track;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.Platform;

/**
 * A person's push device.
 *
 * @param token the device token
 * @param platform iOS or Android
 * @param lastUsed when the device was last used; {@code null} for unknown
 * @param attributes device attributes such as {@code device_os} or {@code app_version}
 */
public record Device(String token, Platform platform, Instant lastUsed, Map<String, Object> attributes) {

	public Device {
		PayloadLimits.requireText("device.token", token);
		if (platform == null) {
			throw new CustomerIoValidationException("device.platform", "ios or android", "must not be null");
		}
		attributes = TrackLimits.attributes("device.attributes", attributes);
	}

	public static Device of(String token, Platform platform) {
		return new Device(token, platform, null, Map.of());
	}

	/**
	 * The device as Customer.io's JSON: Track v1 calls the token {@code id}, Track v2 and App's transactional push
	 * ({@code custom_device}) call it {@code token}.
	 * @param tokenField the name of the token field
	 */
	public Map<String, Object> json(String tokenField) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put(tokenField, this.token);
		json.put("platform", this.platform.value());
		JsonPayloads.putIfPresent(json, "last_used", JsonPayloads.epochSeconds(this.lastUsed));
		JsonPayloads.putIfNotEmpty(json, "attributes", this.attributes);
		return json;
	}

}
