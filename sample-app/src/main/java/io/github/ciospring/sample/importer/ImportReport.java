package io.github.ciospring.sample.importer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.ciospring.sample.importer.FailureTally.FailureReason;

/**
 * The outcome of an import: every data row of the file was delivered, failed (with the failure handler's reasons)
 * or skipped as bad (with its line).
 *
 * @param source the file imported
 * @param rows data rows in the file
 * @param delivered rows Customer.io accepted
 * @param failed rows that finally failed to deliver
 * @param failures the failures by reason, as the failure handler saw them
 * @param skipped bad rows, never sent
 * @param skippedRows the first bad rows, with their lines
 * @param batchRequests batch requests the delivery queue sent ({@code POST /api/v2/batch}, redeliveries included)
 * @param maxBatchItems the most rows one batch request carries ({@code customerio.delivery.max-batch-items})
 * @param attempts HTTP attempts of the Track client, retries included
 * @param rateLimited attempts answered 429
 * @param elapsed time from the first row read to the last outcome
 * @param sandbox what the embedded sandbox saw, or {@code null} when talking to Customer.io
 */
public record ImportReport(String source, long rows, long delivered, long failed, Map<FailureReason, Long> failures,
		long skipped, List<SkippedRow> skippedRows, long batchRequests, int maxBatchItems, long attempts, long rateLimited,
		Duration elapsed, SandboxTraffic sandbox) {

	static final int SHOWN_SKIPPED_ROWS = 20;

	/** 0 when every good row was delivered (bad rows are skipped and reported, not a failure), else 2. */
	public int exitCode() {
		return (this.failed == 0) ? 0 : 2;
	}

	/** Rows delivered per second. */
	public double rowsPerSecond() {
		return this.delivered / seconds();
	}

	private double seconds() {
		return Math.max(this.elapsed.toNanos(), 1_000_000) / 1e9;
	}

	/** The report as it is printed at the end of an import. */
	public String render() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "Import of %s: %,d rows in %s%n", this.source, this.rows,
				seconds(this.elapsed)));
		row(out, "delivered", this.delivered, "");
		row(out, "failed", this.failed, (this.failed > 0) ? "(see the reasons below; logged by the failure handler)" : "");
		this.failures.forEach((reason, count) -> out.append(String.format(Locale.ROOT, "    %,8d  %s%n", count, reason)));
		row(out, "skipped (bad rows)", this.skipped, "");
		this.skippedRows.stream().limit(SHOWN_SKIPPED_ROWS).forEach((row) -> out.append("    ").append(row).append('\n'));
		if (this.skipped > Math.min(this.skippedRows.size(), SHOWN_SKIPPED_ROWS)) {
			out.append(String.format(Locale.ROOT, "    ... and %,d more%n",
					this.skipped - Math.min(this.skippedRows.size(), SHOWN_SKIPPED_ROWS)));
		}
		row(out, "requests sent", this.batchRequests, String.format(Locale.ROOT,
				"POST /api/v2/batch, up to %,d rows each (%,d HTTP attempts)", this.maxBatchItems, this.attempts));
		row(out, "429s", this.rateLimited, "answers 'too many requests' seen by the client");
		out.append(String.format(Locale.ROOT, "  %-20s %12s%n", "elapsed", seconds(this.elapsed)));
		out.append(String.format(Locale.ROOT, "  %-20s %12s  rows/s delivered, %.1f requests/s%n", "achieved rate",
				String.format(Locale.ROOT, "%,.0f", rowsPerSecond()), this.batchRequests / seconds()));
		if (this.sandbox != null) {
			out.append(String.format(Locale.ROOT, "  %-20s %,12d  Track requests, %,d items accepted, %,d answered 429%n",
					"sandbox saw", this.sandbox.requests(), this.sandbox.acceptedItems(), this.sandbox.rateLimited()));
		}
		return out.toString();
	}

	private static void row(StringBuilder out, String label, long value, String note) {
		out.append(String.format(Locale.ROOT, "  %-20s %,12d%s%n", label, value, note.isEmpty() ? "" : "  " + note));
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	/**
	 * What the embedded sandbox saw of the Track API during the import.
	 *
	 * @param requests requests that reached it
	 * @param rateLimited requests it answered 429
	 * @param acceptedItems operations it accepted
	 */
	public record SandboxTraffic(long requests, long rateLimited, long acceptedItems) {

	}

}
