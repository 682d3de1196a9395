package io.github.ciospring.sample.importer;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTests {

	@Test
	void showsDoneTotalRateFailuresRateLimitsAndEta() {
		assertThat(ProgressBar.render(500, 2000, 3, 1, Duration.ofSeconds(5)))
			.isEqualTo("[#######.......................] 500/2,000  25%  100/s  failed: 3  429s: 1  ETA 15s");
	}

	@Test
	void leavesOutTheEtaWhenDone() {
		assertThat(ProgressBar.render(2000, 2000, 0, 0, Duration.ofSeconds(100))).endsWith("429s: 0");
	}

	@Test
	void formatsLongEtasInMinutes() {
		assertThat(ProgressBar.formatDuration(Duration.ofSeconds(125))).isEqualTo("2m05s");
	}

	@Test
	void showsSkippedRowsApartFromFailures() {
		assertThat(ProgressBar.render(500, 2000, 1, 3, 0, Duration.ofSeconds(5)))
			.contains("failed: 1  skipped: 3  429s: 0");
	}

	@Test
	void aLineWiderThanTheTerminalIsCutOneColumnShortOfIt() {
		String line = ProgressBar.render(500, 2000, 3, 1, Duration.ofSeconds(5));

		assertThat(ProgressBar.fit(line, 40)).hasSize(39).isEqualTo(line.substring(0, 39));
	}

	@Test
	void aShorterLineIsPaddedSoItHidesTheEndOfALongerOne() {
		assertThat(ProgressBar.fit("12 done", 20)).isEqualTo("12 done" + " ".repeat(12));
	}

}
