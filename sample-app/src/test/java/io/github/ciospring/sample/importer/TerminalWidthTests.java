package io.github.ciospring.sample.importer;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalWidthTests {

	@Test
	void columnsComeFromTheExportedVariable() {
		assertThat(TerminalWidth.fromEnvironment(Map.of("COLUMNS", "132"))).isEqualTo(132);
	}

	@Test
	void aMissingOrNonNumericVariableGivesNothing() {
		assertThat(TerminalWidth.fromEnvironment(Map.of())).isNull();
		assertThat(TerminalWidth.fromEnvironment(Map.of("COLUMNS", "wide"))).isNull();
		assertThat(TerminalWidth.fromEnvironment(Map.of("COLUMNS", "0"))).isNull();
	}

	@Test
	void columnsAreTheSecondNumberOfSttySize() {
		assertThat(TerminalWidth.fromSttySize("48 117\n")).isEqualTo(117);
		assertThat(TerminalWidth.fromSttySize("")).isNull();
	}

}
