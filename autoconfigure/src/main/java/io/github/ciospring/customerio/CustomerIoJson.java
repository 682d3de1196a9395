package io.github.ciospring.customerio;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON settings of every Customer.io payload, in one place: {@code null} fields are left out and unknown
 * response fields are ignored. Independent of the application's own Jackson settings, so those cannot change
 * what goes to Customer.io, nor the sizes checked against its limits.
 */
public final class CustomerIoJson {

	private CustomerIoJson() {
	}

	/** A new mapper with the settings Customer.io payloads are written and read with. */
	public static JsonMapper newMapper() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build();
	}

}
