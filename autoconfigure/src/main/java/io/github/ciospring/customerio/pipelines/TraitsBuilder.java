package io.github.ciospring.customerio.pipelines;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ciospring.customerio.PayloadLimits;

/**
 * What the builders of messages with {@code traits} (identify, group) share.
 *
 * @param <M> the message type
 * @param <B> the builder type
 */
abstract class TraitsBuilder<M extends PipelinesMessage, B extends TraitsBuilder<M, B>>
		extends PipelinesMessage.Builder<M, B> {

	final Map<String, Object> traits = new LinkedHashMap<>();

	TraitsBuilder() {
	}

	public B trait(String name, Object value) {
		this.traits.put(PayloadLimits.requireText("traits name", name), value);
		return self();
	}

	public B traits(Map<String, ?> traits) {
		if (traits != null) {
			traits.forEach(this::trait);
		}
		return self();
	}

}
