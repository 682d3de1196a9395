package io.github.ciospring.customerio.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a verified reporting webhook body into a {@link ReportingEvent}: a typed record for a documented object
 * type and metric, an {@link UnknownEvent} for anything else, including a body that is not JSON. Never throws
 * for content and never drops a field: the body is kept as received. Thread-safe.
 */
public final class ReportingEventParser {

	private final JsonMapper mapper;

	public ReportingEventParser() {
		this(JsonMapper.builder().build());
	}

	public ReportingEventParser(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** The event in a body that {@link WebhookVerifier} found {@link Verification#VALID valid}. */
	public ReportingEvent parse(byte[] body) {
		String json = new String(body, StandardCharsets.UTF_8);
		JsonNode root;
		try {
			root = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			return new UnknownEvent(null, null, null, null, json);
		}
		if (root == null || !root.isObject()) {
			return new UnknownEvent(null, null, null, null, json);
		}
		String eventId = text(root, "event_id");
		String objectTypeText = text(root, "object_type");
		String metricText = text(root, "metric");
		Instant timestamp = root.path("timestamp").isIntegralNumber()
				? Instant.ofEpochSecond(root.path("timestamp").asLong()) : null;
		ObjectType objectType = ObjectType.from(objectTypeText);
		Metric metric = Metric.from(metricText);
		JsonNode data = root.path("data");
		if (objectType == null || metric == null || !objectType.reports(metric) || !data.isObject()) {
			return new UnknownEvent(eventId, objectTypeText, metricText, timestamp, json);
		}
		Map<String, Object> fields = fields(data);
		Map<String, String> identifiers = identifiers(data.path("identifiers"));
		if (objectType == ObjectType.CUSTOMER) {
			return new CustomerEvent(eventId, metric, timestamp, identifiers, text(data, "customer_id"),
					text(data, "email_address"), fields, json);
		}
		String recipient = text(data, "recipient");
		MessageData message = new MessageData(identifiers, text(data, "customer_id"), text(data, "delivery_id"),
				(recipient != null) ? recipient : text(data, "email_address"), text(data, "subject"),
				text(data, "href"), text(data, "link_id"), text(data, "failure_message"),
				number(data, "campaign_id"), number(data, "action_id"), number(data, "broadcast_id"),
				number(data, "newsletter_id"), number(data, "transactional_message_id"), text(data, "journey_id"),
				fields);
		return switch (objectType) {
			case EMAIL -> new EmailEvent(eventId, metric, timestamp, message, json);
			case PUSH -> new PushEvent(eventId, metric, timestamp, message, json);
			case SMS -> new SmsEvent(eventId, metric, timestamp, message, json);
			case IN_APP -> new InAppEvent(eventId, metric, timestamp, message, json);
			case SLACK -> new SlackEvent(eventId, metric, timestamp, message, json);
			case WEBHOOK -> new WebhookEvent(eventId, metric, timestamp, message, json);
			case WHATSAPP -> new WhatsAppEvent(eventId, metric, timestamp, message, json);
			case CUSTOMER -> throw new IllegalStateException("handled above");
		};
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> fields(JsonNode data) {
		return Collections.unmodifiableMap(this.mapper.convertValue(data, LinkedHashMap.class));
	}

	private static Map<String, String> identifiers(JsonNode node) {
		Map<String, String> identifiers = new LinkedHashMap<>();
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
					identifiers.put(entry.getKey(), entry.getValue().asString());
				}
			}
		}
		return Collections.unmodifiableMap(identifiers);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	private static Long number(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isIntegralNumber()) {
			return value.asLong();
		}
		if (value.isString() && value.asString().matches("-?[0-9]{1,18}")) {
			return Long.parseLong(value.asString());
		}
		return null;
	}

}
