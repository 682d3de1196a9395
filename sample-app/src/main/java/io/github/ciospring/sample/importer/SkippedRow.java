package io.github.ciospring.sample.importer;

/**
 * A bad row that was not sent.
 *
 * @param line the line the row starts on
 * @param reason what is wrong with it
 */
public record SkippedRow(long line, String reason) {

	static SkippedRow of(PersonRow.RowProblem problem) {
		String message = problem.getMessage();
		String prefix = "line " + problem.line() + ": ";
		return new SkippedRow(problem.line(), message.startsWith(prefix) ? message.substring(prefix.length()) : message);
	}

	@Override
	public String toString() {
		return "line " + this.line + ": " + this.reason;
	}

}
