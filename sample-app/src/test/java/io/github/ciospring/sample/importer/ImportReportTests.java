package io.github.ciospring.sample.importer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.github.ciospring.sample.importer.FailureTally.FailureReason;
import io.github.ciospring.sample.importer.ImportReport.SandboxTraffic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportReportTests {

	@Test
	void showsEveryFigureOfTheImport() {
		ImportReport report = new ImportReport("people.csv", 3004, 3000, 1,
				Map.of(new FailureReason("ITEM_REJECTED", 207, "invalid", "attributes.plan"), 1L), 3,
				List.of(new SkippedRow(59, "no id and no email")), 4, 1000, 5, 1, Duration.ofMillis(2500),
				new SandboxTraffic(5, 1, 3000));

		assertThat(report.render()).contains("Import of people.csv: 3,004 rows in 2.5 s")
			.containsPattern("delivered +3,000")
			.containsPattern("failed +1")
			.contains("1  ITEM_REJECTED (HTTP 207) reason=invalid field=attributes.plan")
			.containsPattern("skipped \\(bad rows\\) +3")
			.contains("line 59: no id and no email")
			.containsPattern("requests sent +4  POST /api/v2/batch, up to 1,000 rows each \\(5 HTTP attempts\\)")
			.containsPattern("429s +1")
			.containsPattern("elapsed +2.5 s")
			.containsPattern("achieved rate +1,200  rows/s delivered, 1.6 requests/s")
			.containsPattern("sandbox saw +5  Track requests, 3,000 items accepted, 1 answered 429");
	}

	@Test
	void listsAtMostTwentySkippedRowsAndCountsTheRest() {
		List<SkippedRow> skipped = LongStream.rangeClosed(2, 51).mapToObj((line) -> new SkippedRow(line, "bad")).toList();

		String rendered = report(0, 60, skipped).render();

		assertThat(rendered).contains("line 21: bad").doesNotContain("line 22: bad").contains("... and 40 more");
	}

	@Test
	void leavesOutTheSandboxLineWhenTalkingToCustomerIo() {
		assertThat(report(0, 0, List.of()).render()).doesNotContain("sandbox saw");
	}

	@Test
	void exitCodeIsZeroWhenOnlyBadRowsWereSkipped() {
		assertThat(report(0, 3, List.of(new SkippedRow(2, "bad"))).exitCode()).isZero();
	}

	@Test
	void exitCodeIsTwoWhenARowFailedToDeliver() {
		assertThat(report(1, 0, List.of()).exitCode()).isEqualTo(2);
	}

	private static ImportReport report(long failed, long skipped, List<SkippedRow> skippedRows) {
		return new ImportReport("people.csv", 100, 100 - failed - skipped, failed, Map.of(), skipped, skippedRows, 1, 1000,
				1, 0, Duration.ofSeconds(1), null);
	}

}
