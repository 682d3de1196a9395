package io.github.ciospring.sample.importer;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.track.TrackOperation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PersonRowTests {

	@Test
	void idAddressesThePersonAndOtherColumnsBecomeAttributes() {
		TrackOperation operation = PersonRow
			.toIdentify(new CsvRecord(2, ordered("id", "7", "email", "a@x.com", "created_at", "1700000000")));
		assertThat(operation.action()).isEqualTo("identify");
		assertThat(operation.identifiers()).isEqualTo(PersonIdentifier.id("7"));
		assertThat(operation.attributes()).containsEntry("email", "a@x.com").containsEntry("created_at", 1700000000L);
	}

	@Test
	void emailAddressesThePersonWhenThereIsNoId() {
		assertThat(PersonRow.toIdentify(new CsvRecord(2, Map.of("email", "a@x.com"))).identifiers())
			.isEqualTo(PersonIdentifier.email("a@x.com"));
	}

	@Test
	void aRowWithoutIdAndEmailIsAProblemOnItsLine() {
		assertThatExceptionOfType(PersonRow.RowProblem.class)
			.isThrownBy(() -> PersonRow.toIdentify(new CsvRecord(9, Map.of("plan", "pro"))))
			.withMessage("line 9: no id and no email")
			.extracting(PersonRow.RowProblem::line)
			.isEqualTo(9L);
	}

	@Test
	void anOversizeValueIsAProblemNamingTheAttributeAndLimit() {
		assertThatExceptionOfType(PersonRow.RowProblem.class)
			.isThrownBy(() -> PersonRow.toIdentify(new CsvRecord(4, Map.of("id", "1", "bio", "x".repeat(1001)))))
			.withMessageContaining("line 4")
			.withMessageContaining("bio")
			.withMessageContaining("1000 bytes");
	}

	private static Map<String, String> ordered(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

}
