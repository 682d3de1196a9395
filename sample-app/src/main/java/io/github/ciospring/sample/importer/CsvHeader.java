package io.github.ciospring.sample.importer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.track.TrackLimits;

/**
 * A CSV file's header row, each column name checked as a Customer.io attribute name: not blank, at most 150
 * bytes, no control or invisible characters (a stray byte-order mark or zero-width space would create an
 * attribute nobody can see), and no name twice.
 */
final class CsvHeader {

	private CsvHeader() {
	}

	static List<String> names(String[] cells) {
		List<String> names = new ArrayList<>(cells.length);
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < cells.length; i++) {
			String name = cells[i].trim();
			String problem = problem(name);
			if (problem == null && !seen.add(name)) {
				problem = "it appears twice";
			}
			if (problem != null) {
				throw new IllegalArgumentException("Header column " + (i + 1) + " (" + visible(name)
						+ ") is not a valid attribute name: " + problem);
			}
			names.add(name);
		}
		return List.copyOf(names);
	}

	private static String problem(String name) {
		if (name.isEmpty()) {
			return "it is blank";
		}
		int bytes = PayloadLimits.utf8Length(name);
		if (bytes > TrackLimits.MAX_ATTRIBUTE_NAME_BYTES) {
			return "it is " + bytes + " bytes (limit: " + TrackLimits.MAX_ATTRIBUTE_NAME_BYTES + " bytes)";
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
				return "it contains the invisible character " + codePoint(c);
			}
		}
		return null;
	}

	/** The name with invisible characters written as U+XXXX, so the message shows what is there. */
	private static String visible(String name) {
		StringBuilder text = new StringBuilder("\"");
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean invisible = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
			text.append(invisible ? "<" + codePoint(c) + ">" : String.valueOf(c));
		}
		return text.append('"').toString();
	}

	private static String codePoint(char c) {
		return String.format(Locale.ROOT, "U+%04X", (int) c);
	}

}
