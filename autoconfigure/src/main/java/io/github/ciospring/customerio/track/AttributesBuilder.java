package io.github.ciospring.customerio.track;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the builders of operations that carry a person's or an object's attributes share ({@link Identify},
 * {@link ObjectOperation}): the attributes in the order they were set, checked against the limits only when the
 * operation is built.
 *
 * @param <B> the builder type
 */
abstract class AttributesBuilder<B extends AttributesBuilder<B>> {

	private final Map<String, Object> attributes = new LinkedHashMap<>();

	AttributesBuilder() {
	}

	/** Sets one attribute; {@code null} or an empty text removes it. */
	public B attribute(String name, @Nullable Object value) {
		this.attributes.put(name, value);
		return self();
	}

	/** Sets several attributes. */
	public B attributes(Map<String, ?> attributes) {
		this.attributes.putAll(attributes);
		return self();
	}

	/** The attributes set so far, live: the operation built from them checks and copies them. */
	final Map<String, Object> attributeMap() {
		return this.attributes;
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

}
