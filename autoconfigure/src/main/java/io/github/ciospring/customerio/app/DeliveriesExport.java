package io.github.ciospring.customerio.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;

/**
 * Starts an export of the deliveries of one broadcast or newsletter, campaign or action
 * ({@code POST /v1/exports/deliveries}). Without {@code start} and {@code end} Customer.io exports the last 6
 * months; a range over 12 months is cut to the 12 months before {@code end}.
 *
 * <pre>{@code
 * DeliveriesExport.newsletter(12).metric(ExportMetric.OPENED).start(monthAgo).build();
 * }</pre>
 */
public final class DeliveriesExport {

	private final String sourceField;

	private final long sourceId;

	private final Instant start;

	private final Instant end;

	private final List<String> attributes;

	private final ExportMetric metric;

	private final Boolean drafts;

	private final Long templateId;

	private DeliveriesExport(Builder builder) {
		this.sourceField = builder.sourceField;
		this.sourceId = builder.sourceId;
		this.start = builder.start;
		this.end = builder.end;
		if (this.start != null && this.end != null && this.end.isBefore(this.start)) {
			throw new CustomerIoValidationException("end", "not before start", "is before start");
		}
		this.attributes = List.copyOf(builder.attributes);
		this.metric = builder.metric;
		this.drafts = builder.drafts;
		this.templateId = builder.templateId;
	}

	/** The deliveries of a newsletter (a broadcast sent from the UI). */
	public static Builder newsletter(long newsletterId) {
		return new Builder("newsletter_id", newsletterId);
	}

	/** The deliveries of a campaign. */
	public static Builder campaign(long campaignId) {
		return new Builder("campaign_id", campaignId);
	}

	/** The deliveries of one action of a campaign or newsletter. */
	public static Builder action(long actionId) {
		return new Builder("action_id", actionId);
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put(this.sourceField, this.sourceId);
		JsonPayloads.putIfPresent(json, "start", JsonPayloads.epochSeconds(this.start));
		JsonPayloads.putIfPresent(json, "end", JsonPayloads.epochSeconds(this.end));
		JsonPayloads.putIfNotEmpty(json, "attributes", this.attributes);
		JsonPayloads.putIfPresent(json, "metric", (this.metric != null) ? this.metric.value() : null);
		JsonPayloads.putIfPresent(json, "drafts", this.drafts);
		JsonPayloads.putIfPresent(json, "template_id", this.templateId);
		return json;
	}

	@Override
	public String toString() {
		return "DeliveriesExport[" + this.sourceField + "=" + this.sourceId + "]";
	}

	/** Builds a {@link DeliveriesExport}. */
	public static final class Builder {

		private final String sourceField;

		private final long sourceId;

		private Instant start;

		private Instant end;

		private final List<String> attributes = new ArrayList<>();

		private ExportMetric metric;

		private Boolean drafts;

		private Long templateId;

		private Builder(String sourceField, long sourceId) {
			if (sourceId <= 0) {
				throw new CustomerIoValidationException(sourceField, "positive", "is " + sourceId);
			}
			this.sourceField = sourceField;
			this.sourceId = sourceId;
		}

		/** Deliveries created at or after this time. */
		public Builder start(Instant start) {
			this.start = start;
			return this;
		}

		/** Deliveries created at or before this time. */
		public Builder end(Instant end) {
			this.end = end;
			return this;
		}

		/** Adds recipient attributes as extra columns. */
		public Builder attributes(String... attributes) {
			for (String attribute : attributes) {
				this.attributes.add(PayloadLimits.requireText("attributes", attribute));
			}
			return this;
		}

		/** Only deliveries that reached this metric. */
		public Builder metric(ExportMetric metric) {
			this.metric = metric;
			return this;
		}

		/** Whether drafts are exported too. */
		public Builder drafts(boolean drafts) {
			this.drafts = drafts;
			return this;
		}

		/** Only deliveries of one message template of the campaign, newsletter or transactional message. */
		public Builder templateId(long templateId) {
			this.templateId = templateId;
			return this;
		}

		public DeliveriesExport build() {
			return new DeliveriesExport(this);
		}

	}

}
