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

	@Test
	void aUtf8ByteOrderMarkIsDroppedSoTheFirstColumnKeepsItsName() {
		CsvReader reader = new CsvReader(new StringReader("\uFEFFid,email\n7,a@x.com\n"));
		assertThat(reader.header()).containsExactly("id", "email");
		assertThat(reader.next().values()).containsEntry("id", "7");
	}

	@Test
	void anInvisibleCharacterInAHeaderIsRefusedNamingTheColumn() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("id,\u200Bplan\n1,pro\n"))
			.withMessage("Header column 2 (\"<U+200B>plan\") is not a valid attribute name: "
					+ "it contains the invisible character U+200B");
	}

	@Test
	void aBlankHeaderIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("id,,plan\n1,x,pro\n"))
			.withMessageContaining("Header column 2").withMessageEndingWith("it is blank");
	}

	@Test
	void aHeaderOver150BytesIsRefusedNamingTheLimit() {
		String longName = "a".repeat(151);
		assertThatIllegalArgumentException().isThrownBy(() -> read("id," + longName + "\n1,x\n"))
			.withMessageEndingWith("it is 151 bytes (limit: 150 bytes)");
	}

	@Test
	void aHeaderOf150BytesIsAccepted() {
		assertThat(new CsvReader(new StringReader("id," + "a".repeat(150) + "\n1,x\n")).header()).hasSize(2);
	}

	@Test
	void aDuplicatedHeaderIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("id,email,email\n1,a,b\n"))
			.withMessage("Header column 3 (\"email\") is not a valid attribute name: it appears twice");
	}

	@Test
	void headerNamesAreTrimmed() {
		assertThat(new CsvReader(new StringReader(" id , email\n1,a\n")).header()).containsExactly("id", "email");
	}

}
