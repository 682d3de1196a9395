package io.github.ciospring.sample.importer;

import java.time.Duration;

/**
 * How far an import has come.
 *
 * @param total data rows in the file
 * @param delivered rows Customer.io accepted
 * @param failed rows that finally failed to deliver
 * @param skipped bad rows, never sent
 * @param rateLimited Track API attempts answered 429 since the import started
 * @param elapsed time since the import started
 */
public record ImportProgress(long total, long delivered, long failed, long skipped, long rateLimited,
		Duration elapsed) {

	/** Rows handled: delivered, failed or skipped. */
	public long done() {
		return this.delivered + this.failed + this.skipped;
	}

	/** The progress as one terminal line. */
	public String render() {
		return ProgressBar.render(done(), this.total, this.failed, this.skipped, this.rateLimited, this.elapsed);
	}

}
