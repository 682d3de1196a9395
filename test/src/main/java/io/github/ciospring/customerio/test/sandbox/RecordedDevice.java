package io.github.ciospring.customerio.test.sandbox;

import java.util.Map;

/**
 * A device a person has: added through Track v1 ({@code PUT .../devices}) or v2 ({@code add_device}) and not
 * deleted since.
 *
 * @param person the person's identifier as sent
 * @param token the device's token (v1 {@code device.id}, v2 {@code device.token})
 * @param platform {@code ios} or {@code android}, {@code null} when none was sent
 * @param attributes the device's attributes; empty when none were sent
 */
public record RecordedDevice(String person, String token, String platform, Map<String, Object> attributes) {

	public RecordedDevice {
		attributes = Recordings.copy(attributes);
	}

}
