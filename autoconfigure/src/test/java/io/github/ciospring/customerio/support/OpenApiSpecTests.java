package io.github.ciospring.customerio.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The spec checker used by the request tests accepts what the spec allows and rejects what it does not, so a
 * passing request test means something.
 */
class OpenApiSpecTests {

	private static final OpenApiSpec SPEC = OpenApiSpec.track();

	private static final String IDENTIFY = "/api/v1/customers/{identifier}";

	private static final String DEVICES = "/api/v1/customers/{identifier}/devices";

	@Test
	void acceptsABodyTheSpecAllows() {
		assertThat(SPEC.requestBodyViolations("PUT", IDENTIFY, "{\"email\":\"a@x.com\",\"created_at\":1700000000}"))
			.isEmpty();
	}

	@Test
	void rejectsAValueOfTheWrongType() {
		assertThat(SPEC.requestBodyViolations("PUT", IDENTIFY, "{\"created_at\":\"yesterday\"}"))
			.singleElement(STRING)
			.contains("$.created_at", "integer");
	}

	@Test
	void rejectsAnAdditionalPropertyOutsideItsSchema() {
		// identify attributes are strings, integers or booleans; a fraction is neither of the three alternatives
		assertThat(SPEC.requestBodyViolations("PUT", IDENTIFY, "{\"score\":1.5}"))
			.singleElement(STRING)
			.contains("$.score", "matches none of the 3 oneOf alternatives");
	}

	@Test
	void rejectsAMissingRequiredProperty() {
		assertThat(SPEC.requestBodyViolations("PUT", DEVICES, "{}"))
			.containsExactly("$: required property 'device' is missing");
	}

	@Test
	void rejectsAValueOutsideAnEnumReachedThroughRefAndAllOf() {
		assertThat(SPEC.requestBodyViolations("PUT", DEVICES, "{\"device\":{\"id\":\"t\",\"platform\":\"windows\"}}"))
			.singleElement(STRING)
			.contains("$.device.platform", "windows", "not one of");
	}

	@Test
	void rejectsTooManyItems() {
		String ids = "\"1\",".repeat(1000) + "\"1\"";
		assertThat(SPEC.requestBodyViolations("POST", "/api/v1/segments/{segment_id}/add_customers",
				"{\"ids\":[" + ids + "]}"))
			.containsExactly("$.ids: more than 1000 items");
	}

	@Test
	void rejectsAV2OperationNoAlternativeDescribes() {
		assertThat(SPEC.requestBodyViolations("POST", "/api/v2/entity",
				"{\"type\":\"person\",\"identifiers\":{\"id\":\"42\"},\"action\":\"fly\"}"))
			.singleElement(STRING)
			.contains("matches none of the 3 oneOf alternatives");
	}

	@Test
	void failsForAnOperationTheSpecDoesNotHave() {
		assertThatThrownBy(() -> SPEC.operation("POST", "/api/v1/customers/{identifier}/fly"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("no operation POST /api/v1/customers/{identifier}/fly");
	}

}
