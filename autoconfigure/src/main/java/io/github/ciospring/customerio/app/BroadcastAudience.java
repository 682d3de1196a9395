package io.github.ciospring.customerio.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;

/**
 * Who an API-triggered broadcast goes to: exactly one of the audience kinds Customer.io accepts, each with only
 * the options that apply to it (Customer.io rejects options that do not).
 * <ul>
 * <li>{@link #defaultRecipients()}: the audience set on the broadcast in Customer.io</li>
 * <li>{@link #recipients(AudienceFilter)}: people matching a filter</li>
 * <li>{@link #ids(Collection)} or {@link #emails(Collection)}: listed people, at most 10,000</li>
 * <li>{@link #perUserData(List)}: listed people with data of their own, at most 10,000</li>
 * <li>{@link #dataFileUrl(String)}: people listed in a JSON Lines file Customer.io downloads</li>
 * </ul>
 * People listed by id or email must already exist: a broadcast never creates people.
 */
public sealed interface BroadcastAudience
		permits BroadcastAudience.DefaultRecipients, BroadcastAudience.Recipients, BroadcastAudience.Ids,
		BroadcastAudience.Emails, BroadcastAudience.PerUserData, BroadcastAudience.DataFileUrl {

	/** The audience defined on the broadcast in Customer.io. */
	static DefaultRecipients defaultRecipients() {
		return new DefaultRecipients();
	}

	/** The people matching a filter. */
	static Recipients recipients(AudienceFilter filter) {
		return new Recipients(filter);
	}

	/** People by id; don't use in workspaces that identify people by email. */
	static Ids ids(Collection<String> ids) {
		return new Ids((ids != null) ? new ArrayList<>(ids) : null, false);
	}

	/** People by email address. */
	static Emails emails(Collection<String> emails) {
		return new Emails((emails != null) ? new ArrayList<>(emails) : null, false, false);
	}

	/** People by id or email, each with data for the message's Liquid. */
	static PerUserData perUserData(List<UserData> entries) {
		return new PerUserData(entries, false, false, false);
	}

	/**
	 * People listed in a JSON Lines file, one {@code {"id"|"email": ..., "data": {...}}} per line, optionally
	 * gzip-compressed (served with {@code Content-Encoding: gzip}).
	 */
	static DataFileUrl dataFileUrl(String url) {
		return new DataFileUrl(url, false, false, false);
	}

	private static List<String> copy(String field, Collection<String> values) {
		PayloadLimits.requireSize(field, values, 1, AppLimits.MAX_BROADCAST_AUDIENCE);
		List<String> copy = new ArrayList<>(values.size());
		int i = 0;
		for (String value : values) {
			copy.add(PayloadLimits.requireText(field + "[" + i++ + "]", value));
		}
		return List.copyOf(copy);
	}

	/** The broadcast's own audience; no options. */
	record DefaultRecipients() implements BroadcastAudience {

	}

	/** @param filter who the broadcast goes to */
	record Recipients(AudienceFilter filter) implements BroadcastAudience {

		public Recipients {
			if (filter == null) {
				throw new CustomerIoValidationException("recipients", "a filter", "must not be null");
			}
		}

	}

	/**
	 * @param ids the people's ids, 1 to 10,000
	 * @param idIgnoreMissing whether ids that match nobody are skipped instead of failing the broadcast
	 */
	record Ids(List<String> ids, boolean idIgnoreMissing) implements BroadcastAudience {

		public Ids {
			ids = copy("ids", ids);
		}

		/** Skips ids that match nobody instead of failing the broadcast. */
		public Ids ignoreMissing() {
			return new Ids(this.ids, true);
		}

	}

	/**
	 * @param emails the people's email addresses, 1 to 10,000
	 * @param emailIgnoreMissing whether addresses that match nobody are skipped instead of failing the broadcast
	 * @param emailAddDuplicates whether an address shared by several people sends to all of them instead of failing
	 */
	record Emails(List<String> emails, boolean emailIgnoreMissing, boolean emailAddDuplicates)
			implements BroadcastAudience {

		public Emails {
			emails = copy("emails", emails);
		}

		/** Skips addresses that match nobody instead of failing the broadcast. */
		public Emails ignoreMissing() {
			return new Emails(this.emails, true, this.emailAddDuplicates);
		}

		/** Sends to every person sharing an address instead of failing the broadcast. */
		public Emails addDuplicates() {
			return new Emails(this.emails, this.emailIgnoreMissing, true);
		}

	}

	/**
	 * @param entries the people with their data, 1 to 10,000
	 * @param idIgnoreMissing whether ids that match nobody are skipped
	 * @param emailIgnoreMissing whether addresses that match nobody are skipped
	 * @param emailAddDuplicates whether an address shared by several people sends to all of them
	 */
	record PerUserData(List<UserData> entries, boolean idIgnoreMissing, boolean emailIgnoreMissing,
			boolean emailAddDuplicates) implements BroadcastAudience {

		public PerUserData {
			PayloadLimits.requireSize("per_user_data", entries, 1, AppLimits.MAX_BROADCAST_AUDIENCE);
			for (int i = 0; i < entries.size(); i++) {
				if (entries.get(i) == null) {
					throw new CustomerIoValidationException("per_user_data[" + i + "]", "an id or email",
							"must not be null");
				}
			}
			entries = List.copyOf(entries);
		}

		/** Skips ids and addresses that match nobody instead of failing the broadcast. */
		public PerUserData ignoreMissing() {
			return new PerUserData(this.entries, true, true, this.emailAddDuplicates);
		}

		/** Sends to every person sharing an address instead of failing the broadcast. */
		public PerUserData addDuplicates() {
			return new PerUserData(this.entries, this.idIgnoreMissing, this.emailIgnoreMissing, true);
		}

	}

	/**
	 * @param url where Customer.io downloads the JSON Lines file
	 * @param idIgnoreMissing whether ids that match nobody are skipped
	 * @param emailIgnoreMissing whether addresses that match nobody are skipped
	 * @param emailAddDuplicates whether an address shared by several people sends to all of them
	 */
	record DataFileUrl(String url, boolean idIgnoreMissing, boolean emailIgnoreMissing, boolean emailAddDuplicates)
			implements BroadcastAudience {

		public DataFileUrl {
			PayloadLimits.requireText("data_file_url", url);
		}

		/** Skips ids and addresses that match nobody instead of failing the broadcast. */
		public DataFileUrl ignoreMissing() {
			return new DataFileUrl(this.url, true, true, this.emailAddDuplicates);
		}

		/** Sends to every person sharing an address instead of failing the broadcast. */
		public DataFileUrl addDuplicates() {
			return new DataFileUrl(this.url, this.idIgnoreMissing, this.emailIgnoreMissing, true);
		}

	}

	/**
	 * One person of a {@link PerUserData} audience, with data for the message's Liquid. Serialized as
	 * {@code {"id": "42", "data": {...}}} or {@code {"email": "...", "data": {...}}}.
	 *
	 * @param kind {@code id} or {@code email}
	 * @param value the id or email address
	 * @param data the person's data
	 */
	record UserData(String kind, String value, Map<String, Object> data) {

		public UserData {
			if (!"id".equals(kind) && !"email".equals(kind)) {
				throw new CustomerIoValidationException("per_user_data", "id or email", "is keyed by '" + kind + "'");
			}
			PayloadLimits.requireText("per_user_data." + kind, value);
			data = AppLimits.messageData("per_user_data.data", data);
		}

		public static UserData id(String id, Map<String, ?> data) {
			return new UserData("id", id, JsonPayloads.orderedCopy(data));
		}

		public static UserData email(String email, Map<String, ?> data) {
			return new UserData("email", email, JsonPayloads.orderedCopy(data));
		}

		@JsonValue
		Map<String, Object> json() {
			return this.data.isEmpty() ? Map.of(this.kind, this.value)
					: Map.of(this.kind, this.value, "data", this.data);
		}

		@Override
		public String toString() {
			return "UserData[" + this.kind + "]";
		}

	}

}
