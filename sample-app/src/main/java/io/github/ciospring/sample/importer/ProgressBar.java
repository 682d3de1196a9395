package io.github.ciospring.sample.importer;

import java.time.Duration;
import java.util.Locale;

/**
 * Renders an import's progress as one terminal line: bar, done/total, rate, failures, 429s and time left.
 */
public final class ProgressBar {

	private static final int WIDTH = 30;

	private ProgressBar() {
	}

	/**
	 * @param done rows handled so far (delivered, failed or skipped)
	 * @param total rows in all, or a non-positive number when unknown
	 * @param failed rows that failed or were skipped
	 * @param rateLimited 429 answers seen
	 * @param elapsed time since the import started
	 * @return the line, without a line break
	 */
	public static String render(long done, long total, long failed, long rateLimited, Duration elapsed) {
		return render(done, total, failed, -1, rateLimited, elapsed);
	}

	/**
	 * @param done rows handled so far (delivered, failed or skipped)
	 * @param total rows in all, or a non-positive number when unknown
	 * @param failed rows that failed to deliver
	 * @param skipped bad rows that were not sent; shown only when not negative
	 * @param rateLimited 429 answers seen
	 * @param elapsed time since the import started
	 * @return the line, without a line break
	 */
	public static String render(long done, long total, long failed, long skipped, long rateLimited,
			Duration elapsed) {
		double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
		double rate = done / seconds;
		StringBuilder line = new StringBuilder();
		if (total > 0) {
			int filled = (int) Math.min(WIDTH, WIDTH * done / total);
			line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
			line.append(String.format(Locale.ROOT, "%,d/%,d %3d%%", done, total, 100 * done / total));
		}
		else {
			line.append(String.format(Locale.ROOT, "%,d", done));
		}
		line.append(String.format(Locale.ROOT, "  %,.0f/s  failed: %,d", rate, failed));
		if (skipped >= 0) {
			line.append(String.format(Locale.ROOT, "  skipped: %,d", skipped));
		}
		line.append(String.format(Locale.ROOT, "  429s: %,d", rateLimited));
		if (total > 0 && done > 0 && done < total) {
			long etaSeconds = Math.round((total - done) / Math.max(rate, 0.001));
			line.append("  ETA ").append(formatDuration(Duration.ofSeconds(etaSeconds)));
		}
		return line.toString();
	}

	/**
	 * The line cut or padded to one column less than the terminal's width: a line as wide as the terminal wraps
	 * (and redrawing it with {@code \r} then fills the screen), a shorter one leaves the end of a longer one visible.
	 * @param line the rendered line
	 * @param columns the terminal's width
	 * @return the line, exactly {@code columns - 1} characters long
	 */
	public static String fit(String line, int columns) {
		int width = Math.max(columns - 1, 1);
		return (line.length() > width) ? line.substring(0, width) : line + " ".repeat(width - line.length());
	}

	static String formatDuration(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds >= 60) ? (seconds / 60) + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s"
				: seconds + "s";
	}

}
