package io.github.ciospring.customerio.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;

/**
 * Starts an export of the people matching a filter ({@code POST /v1/exports/customers}).
 *
 * @param filters the people to export
 * @param attributes attributes added as extra columns, possibly empty
 */
public record CustomersExport(AudienceFilter filters, List<String> attributes) {

	public CustomersExport {
		if (filters == null) {
			throw new CustomerIoValidationException("filters", "a filter", "must be given");
		}
		attributes = (attributes != null) ? List.copyOf(attributes) : List.of();
		attributes.forEach((attribute) -> PayloadLimits.requireText("attributes", attribute));
	}

	public static CustomersExport of(AudienceFilter filters) {
		return new CustomersExport(filters, List.of());
	}

	/** The same export with these attributes as extra columns. */
	public CustomersExport withAttributes(String... attributes) {
		return new CustomersExport(this.filters, List.of(attributes));
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("filters", this.filters);
		JsonPayloads.putIfNotEmpty(json, "attributes", this.attributes);
		return json;
	}

}
