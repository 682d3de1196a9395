package io.github.ciospring.customerio.app;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;

/**
 * Triggers an API-triggered broadcast ({@code POST /v1/campaigns/{broadcast_id}/triggers}) for one audience, with
 * data for the message's Liquid ({@code {{trigger.key}}}). The data is at most 50,000 bytes of JSON.
 *
 * <pre>{@code
 * BroadcastTrigger.of(7, Map.of("headline", "Sale starts now"),
 *     BroadcastAudience.emails(List.of("a@example.com", "b@example.com")).ignoreMissing());
 * }</pre>
 *
 * @param broadcastId the broadcast's id
 * @param data data for the message's Liquid, possibly empty
 * @param audience who the broadcast goes to
 */
public record BroadcastTrigger(long broadcastId, Map<String, Object> data, BroadcastAudience audience) {

	public BroadcastTrigger {
		if (broadcastId <= 0) {
			throw new CustomerIoValidationException("broadcast_id", "positive", "is " + broadcastId);
		}
		data = AppLimits.broadcastData(data);
		if (audience == null) {
			throw new CustomerIoValidationException("audience", "one audience kind",
					"must be given; use BroadcastAudience.defaultRecipients() for the broadcast's own audience");
		}
	}

	public static BroadcastTrigger of(long broadcastId, Map<String, ?> data, BroadcastAudience audience) {
		return new BroadcastTrigger(broadcastId, JsonPayloads.orderedCopy(data), audience);
	}

	/** The broadcast sent to its own audience, without data. */
	public static BroadcastTrigger of(long broadcastId) {
		return of(broadcastId, Map.of(), BroadcastAudience.defaultRecipients());
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		JsonPayloads.putIfNotEmpty(json, "data", this.data);
		if (this.audience instanceof BroadcastAudience.Recipients recipients) {
			json.put("recipients", recipients.filter());
		}
		else if (this.audience instanceof BroadcastAudience.Ids ids) {
			json.put("ids", ids.ids());
			flag(json, "id_ignore_missing", ids.idIgnoreMissing());
		}
		else if (this.audience instanceof BroadcastAudience.Emails emails) {
			json.put("emails", emails.emails());
			flag(json, "email_ignore_missing", emails.emailIgnoreMissing());
			flag(json, "email_add_duplicates", emails.emailAddDuplicates());
		}
		else if (this.audience instanceof BroadcastAudience.PerUserData perUserData) {
			json.put("per_user_data", perUserData.entries());
			flag(json, "id_ignore_missing", perUserData.idIgnoreMissing());
			flag(json, "email_ignore_missing", perUserData.emailIgnoreMissing());
			flag(json, "email_add_duplicates", perUserData.emailAddDuplicates());
		}
		else if (this.audience instanceof BroadcastAudience.DataFileUrl dataFile) {
			json.put("data_file_url", dataFile.url());
			flag(json, "id_ignore_missing", dataFile.idIgnoreMissing());
			flag(json, "email_ignore_missing", dataFile.emailIgnoreMissing());
			flag(json, "email_add_duplicates", dataFile.emailAddDuplicates());
		}
		return json;
	}

	private static void flag(Map<String, Object> json, String name, boolean value) {
		if (value) {
			json.put(name, true);
		}
	}

	@Override
	public String toString() {
		return "BroadcastTrigger[broadcastId=" + this.broadcastId + ", audience="
				+ this.audience.getClass().getSimpleName() + "]";
	}

}
