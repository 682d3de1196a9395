package io.github.ciospring.sample.importer;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CsvReaderTests {

	private static List<CsvRecord> read(String csv) {
		List<CsvRecord> records = new ArrayList<>();
		new CsvReader(new StringReader(csv)).forEachRemaining(records::add);
		return records;
	}

	@Test
	void rowsAreKeyedByHeaderWithTheirLineNumbers() {
		assertThat(read("id,email\n1,a@x.com\n2,b@x.com\n")).containsExactly(
				new CsvRecord(2, Map.of("id", "1", "email", "a@x.com")),
				new CsvRecord(3, Map.of("id", "2", "email", "b@x.com")));
	}

	@Test
	void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
		List<CsvRecord> records = read("id,note\n1,\"a, \"\"b\"\"\nc\"\n2,x\n");
		assertThat(records.get(0).values()).containsEntry("note", "a, \"b\"\nc");
		assertThat(records.get(1).line()).isEqualTo(4);
	}

	@Test
	void emptyCellsAreAbsentAndCrlfIsAccepted() {
		assertThat(read("id,email,plan\r\n1,,pro\r\n").get(0).values()).isEqualTo(Map.of("id", "1", "plan", "pro"));
	}

	@Test
	void blankLinesAreSkippedButCounted() {
		assertThat(read("id\n\n7\n")).containsExactly(new CsvRecord(3, Map.of("id", "7")));
	}

	@Test
	void anUnclosedQuoteNamesItsLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("id,note\n1,\"open\n"))
			.withMessageContaining("Line 2");
	}

	@Test
	void anEmptyFileIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("")).withMessageContaining("header");
	}

}
