package io.github.ciospring.sample.importer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How many columns the terminal has, so the progress line can be redrawn in place without wrapping: the
 * {@code COLUMNS} variable when the shell exports it, else what {@code stty size} says of the controlling
 * terminal, else 80.
 */
final class TerminalWidth {

	static final int DEFAULT = 80;

	private TerminalWidth() {
	}

	static int detect() {
		Integer columns = fromEnvironment(System.getenv());
		return (columns != null) ? columns : fromStty();
	}

	static Integer fromEnvironment(Map<String, String> environment) {
		return positive(environment.get("COLUMNS"));
	}

	/** The columns in {@code stty size}'s answer ({@code rows columns}), or {@code null}. */
	static Integer fromSttySize(String answer) {
		String[] parts = answer.trim().split("\\s+");
		return (parts.length == 2) ? positive(parts[1]) : null;
	}

	private static int fromStty() {
		File tty = new File("/dev/tty");
		if (!tty.canRead()) {
			return DEFAULT;
		}
		try {
			Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!stty.waitFor(1, TimeUnit.SECONDS)) {
				stty.destroyForcibly();
				return DEFAULT;
			}
			Integer columns = fromSttySize(new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
			return (columns != null) ? columns : DEFAULT;
		}
		catch (IOException ex) {
			return DEFAULT;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return DEFAULT;
		}
	}

	private static Integer positive(String value) {
		if (value == null || !value.trim().matches("\\d{1,4}")) {
			return null;
		}
		int columns = Integer.parseInt(value.trim());
		return (columns > 0) ? columns : null;
	}

}
