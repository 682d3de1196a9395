package io.github.ciospring.customerio.track;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ciospring.customerio.ObjectIdentifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The attributes a person's identify and an object's operations are built with, set one by one or several at once.
 */
class AttributesBuilderTests {

	@Test
	void identifyKeepsAttributesInTheOrderTheyWereSetWithLaterValuesWinning() {
		Map<String, Object> more = new LinkedHashMap<>();
		more.put("plan", "pro");
		more.put("seats", 3);

		Identify identify = Identify.person("42").attribute("plan", "free").email("a@x.com").attributes(more).build();

		assertThat(identify.attributes()).containsExactly(entry("plan", "pro"), entry("email", "a@x.com"),
				entry("seats", 3));
	}

	@Test
	void objectOperationKeepsAttributesInTheOrderTheyWereSet() {
		TrackOperation operation = ObjectOperation.identify(ObjectIdentifier.of("1", "acme"))
			.attributes(Map.of("name", "Acme"))
			.attribute("plan", "enterprise")
			.build();

		assertThat(operation.attributes()).containsExactly(entry("name", "Acme"), entry("plan", "enterprise"));
	}

	@Test
	void aBuiltOperationIsNotChangedByLaterAttributes() {
		Identify.Builder person = Identify.person("42").attribute("plan", "free");
		ObjectOperation.Builder object = ObjectOperation.identify(ObjectIdentifier.of("1", "acme"))
			.attribute("plan", "free");

		Identify identify = person.build();
		TrackOperation operation = object.build();
		person.attribute("plan", "pro");
		object.attribute("plan", "pro");

		assertThat(identify.attributes()).containsExactly(entry("plan", "free"));
		assertThat(operation.attributes()).containsExactly(entry("plan", "free"));
		assertThat(person.build().attributes()).containsExactly(entry("plan", "pro"));
	}

}
