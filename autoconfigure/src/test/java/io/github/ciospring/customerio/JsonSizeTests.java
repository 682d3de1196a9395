package io.github.ciospring.customerio;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.ciospring.customerio.http.JsonCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonSizeTests {

	private final JsonCodec codec = new JsonCodec();

	@Test
	void newlineCountsAsTheTwoBytesJacksonWrites() {
		assertThat(JsonSize.of("field", "a\nb")).isEqualTo(6);
	}

	@Test
	void otherControlCharactersCountAsTheirSixByteEscape() {
		assertThat(JsonSize.of("field", "\u0001")).isEqualTo(8);
	}

	@Test
	void multiByteTextCountsItsUtf8Bytes() {
		assertThat(JsonSize.of("field", "é😀")).isEqualTo(2 + 2 + 4);
	}

	@Test
	void recordIsMeasuredAsTheObjectJacksonWritesNotItsToString() {
		Plan plan = new Plan("pro", 3);
		assertThat(JsonSize.of("field", plan)).isEqualTo("{\"name\":\"pro\",\"seats\":3}".length())
			.isNotEqualTo(plan.toString().length() + 2);
	}

	@Test
	void nullMapValuesAreWrittenAsJacksonWritesThem() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("a", null);
		assertThat(JsonSize.of("field", values)).isEqualTo(this.codec.write(values).length);
	}

	@Test
	void everyValueIsMeasuredAsTheBytesTheCodecSends() {
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("text", "quote \" backslash \\ tab \t return \r");
		nested.put("when", Instant.parse("2026-12-01T10:15:30Z"));
		nested.put("numbers", List.of(1, 2.5, -3L));
		nested.put("flags", new Boolean[] { true, false });
		nested.put("plan", new Plan("team", 10));
		nested.put("deep", Map.of("list", Arrays.asList("x", null)));
		assertThat(JsonSize.of("field", nested)).isEqualTo(this.codec.write(nested).length);
	}

	@Test
	void nullIsFourBytes() {
		assertThat(JsonSize.of("field", null)).isEqualTo(4);
	}

	@Test
	void aValueJacksonCannotWriteIsRefusedNamingTheFieldAndTypeNotTheValue() {
		assertThatExceptionOfType(CustomerIoValidationException.class)
			.isThrownBy(() -> JsonSize.of("attributes.thing", new Unloaded("secret")))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("attributes.thing"))
			.withMessageContaining(Unloaded.class.getName())
			.withMessageNotContaining("secret");
	}

	record Unloaded(String name) {

		@Override
		public String name() {
			throw new IllegalStateException("not loaded");
		}

	}

	record Plan(String name, int seats) {
	}

}
