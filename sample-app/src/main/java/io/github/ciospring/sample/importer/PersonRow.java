package io.github.ciospring.sample.importer;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.track.TrackOperation;

/**
 * Turns a CSV row of a person into a Track {@code identify} operation: {@code id} (or, without one,
 * {@code email}) addresses the person; every other column becomes an attribute, {@code email} included.
 * A row that cannot be sent gets a {@link RowProblem} naming its line and what is wrong.
 */
public final class PersonRow {

	private PersonRow() {
	}

	/**
	 * @param record the CSV row
	 * @return the operation to send
	 * @throws RowProblem when the row has no id and no email, or breaks a Customer.io limit
	 */
	public static TrackOperation toIdentify(CsvRecord record) {
		Map<String, String> values = record.values();
		String id = values.get("id");
		String email = values.get("email");
		if (id == null && email == null) {
			throw new RowProblem(record.line(), "no id and no email");
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		values.forEach((name, value) -> {
			if (!"id".equals(name)) {
				attributes.put(name, attributeValue(name, value));
			}
		});
		try {
			PersonIdentifier person = (id != null) ? PersonIdentifier.id(id) : PersonIdentifier.email(email);
			return TrackOperation.identify(person, attributes);
		}
		catch (CustomerIoValidationException ex) {
			throw new RowProblem(record.line(), ex.getMessage());
		}
	}

	private static Object attributeValue(String name, String value) {
		if ("created_at".equals(name) && value.chars().allMatch(Character::isDigit) && value.length() < 19) {
			return Long.parseLong(value);
		}
		return value;
	}

	/** A row that was skipped, and why. */
	public static final class RowProblem extends RuntimeException {

		private final long line;

		public RowProblem(long line, String reason) {
			super("line " + line + ": " + reason);
			this.line = line;
		}

		public long line() {
			return this.line;
		}

	}

}
