package io.github.ciospring.customerio;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one person identifier Track, App and the delivery queue share.
 */
class PersonIdentifierTests {

	private final JsonMapper mapper = CustomerIoJson.newMapper();

	@Test
	void eachKindIsWrittenAsOneFieldNamedAfterIt() {
		assertThat(this.mapper.writeValueAsString(PersonIdentifier.id("42"))).isEqualTo("{\"id\":\"42\"}");
		assertThat(this.mapper.writeValueAsString(PersonIdentifier.email("ada@example.com")))
			.isEqualTo("{\"email\":\"ada@example.com\"}");
		assertThat(this.mapper.writeValueAsString(PersonIdentifier.phone("+14155552671")))
			.isEqualTo("{\"phone\":\"+14155552671\"}");
		assertThat(this.mapper.writeValueAsString(PersonIdentifier.cioId("a3000001")))
			.isEqualTo("{\"cio_id\":\"a3000001\"}");
	}

	@Test
	void onlyAPhoneNumberIsAPhone() {
		assertThat(PersonIdentifier.phone("+14155552671").isPhone()).isTrue();
		assertThat(PersonIdentifier.id("42").isPhone()).isFalse();
		assertThat(PersonIdentifier.email("ada@example.com").isPhone()).isFalse();
		assertThat(PersonIdentifier.cioId("a3000001").isPhone()).isFalse();
	}

	@Test
	void unknownKindIsRefusedNamingTheKindsThereAre() {
		assertThatExceptionOfType(CustomerIoValidationException.class)
			.isThrownBy(() -> new PersonIdentifier("anonymous_id", "a1"))
			.withMessage("identifier kind is 'anonymous_id' (limit: id, email, phone or cio_id)");
	}

	@Test
	void blankValueIsRefusedNamingTheKind() {
		assertThatExceptionOfType(CustomerIoValidationException.class)
			.isThrownBy(() -> PersonIdentifier.cioId(" "))
			.satisfies((failure) -> assertThat(failure.getField()).isEqualTo("identifiers.cio_id"));
	}

	@Test
	void valueIsHeldToTheIdentifierLimitInBytes() {
		String longest = "é".repeat(PayloadLimits.MAX_IDENTIFIER_BYTES / 2);

		assertThat(PersonIdentifier.id(longest).value()).isEqualTo(longest);
		assertThatExceptionOfType(CustomerIoValidationException.class)
			.isThrownBy(() -> PersonIdentifier.id(longest + "x"))
			.withMessage("identifiers.id is 151 bytes (limit: 150 bytes)");
	}

}
