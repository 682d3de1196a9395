package io.github.ciospring.customerio.pipelines;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ciospring.customerio.PayloadLimits;

/**
 * What the builders of messages with {@code properties} (track, page, screen) share.
 *
 * @param <M> the message type
 * @param <B> the builder type
 */
abstract class PropertiesBuilder<M extends PipelinesMessage, B extends PropertiesBuilder<M, B>>
		extends PipelinesMessage.Builder<M, B> {

	final Map<String, Object> properties = new LinkedHashMap<>();

	PropertiesBuilder() {
	}

	public B property(String name, Object value) {
		this.properties.put(PayloadLimits.requireText("properties name", name), value);
		return self();
	}

	public B properties(Map<String, ?> properties) {
		if (properties != null) {
			properties.forEach(this::property);
		}
		return self();
	}

}
