package io.github.ciospring.customerio.pipelines;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One Pipelines API call (Segment-style): who it is about ({@code userId}, {@code anonymousId} or both), a
 * {@code messageId} given when the message is created, when it happened ({@code timestamp}), and optional
 * {@code context} and {@code integrations}. The {@code messageId} is sent unchanged on every retry and Customer.io
 * treats a repeated {@code messageId} as the same call, so retrying a message is safe.
 */
public sealed interface PipelinesMessage
		permits IdentifyMessage, TrackMessage, PageMessage, ScreenMessage, GroupMessage, AliasMessage {

	/** The call type, which is also the endpoint: {@code identify}, {@code track}, {@code page}, ... */
	String type();

	/** The message's unique id, generated at creation unless given. */
	String messageId();

	@Nullable String userId();

	@Nullable String anonymousId();

	/** When it happened, to the millisecond; the creation time unless given. */
	Instant timestamp();

	/** Context about the call (ip, locale, device, ...), empty when none. */
	Map<String, Object> context();

	/** Destinations switched on or off for this call, empty for the workspace's defaults. */
	Map<String, Boolean> integrations();

	/**
	 * The JSON object Customer.io receives, in camelCase with an ISO-8601 {@code timestamp}, before serialization.
	 * @return a new mutable map in a stable field order
	 */
	Map<String, Object> payload();

	/**
	 * What every message builder sets: the person, the message id, the time, context and integrations.
	 *
	 * @param <M> the message type
	 * @param <B> the builder type
	 */
	abstract class Builder<M extends PipelinesMessage, B extends Builder<M, B>> {

		String messageId;

		String userId;

		String anonymousId;

		Instant timestamp;

		final Map<String, Object> context = new LinkedHashMap<>();

		final Map<String, Boolean> integrations = new LinkedHashMap<>();

		Builder() {
		}

		/** The person's id in your systems. */
		public B userId(String userId) {
			this.userId = userId;
			return self();
		}

		/** An id for someone not yet identified, for example a session or device id. */
		public B anonymousId(String anonymousId) {
			this.anonymousId = anonymousId;
			return self();
		}

		/**
		 * Replaces the generated message id, for example with the id of an outbox row, so that sending the same
		 * row again is recognised as a repeat.
		 */
		public B messageId(String messageId) {
			this.messageId = messageId;
			return self();
		}

		/** When it happened; for backfills. Defaults to the time the message is built. */
		public B timestamp(Instant timestamp) {
			this.timestamp = timestamp;
			return self();
		}

		public B context(String name, Object value) {
			this.context.put(name, value);
			return self();
		}

		public B context(Map<String, ?> context) {
			this.context.putAll(context);
			return self();
		}

		/** Sends this call to a destination or keeps it away from one ({@code "All"} for every destination). */
		public B integration(String destination, boolean enabled) {
			this.integrations.put(destination, enabled);
			return self();
		}

		public abstract M build();

		@SuppressWarnings("unchecked")
		final B self() {
			return (B) this;
		}

	}

}
