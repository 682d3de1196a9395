package io.github.ciospring.customerio.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;

/**
 * Which people a broadcast goes to, or a customers export holds: segment and attribute conditions combined with
 * {@code and}, {@code or} and {@code not}. Customer.io accepts one property at the top level and limits how deeply
 * groups nest; see its audience filter reference.
 *
 * <pre>{@code
 * AudienceFilter.and(AudienceFilter.segment(3),
 *     AudienceFilter.or(AudienceFilter.attributeEquals("state", "NM"), AudienceFilter.attributeExists("vip")))
 * }</pre>
 */
public sealed interface AudienceFilter
		permits AudienceFilter.And, AudienceFilter.Or, AudienceFilter.Not, AudienceFilter.Segment,
		AudienceFilter.Attribute {

	/** People matching every filter. */
	static AudienceFilter and(AudienceFilter... filters) {
		return new And(List.of(filters));
	}

	/** People matching any of the filters. */
	static AudienceFilter or(AudienceFilter... filters) {
		return new Or(List.of(filters));
	}

	/** People not matching the filter. */
	static AudienceFilter not(AudienceFilter filter) {
		return new Not(filter);
	}

	/** People in a segment. */
	static AudienceFilter segment(long segmentId) {
		return new Segment(segmentId);
	}

	/** People whose attribute has this value. */
	static AudienceFilter attributeEquals(String field, String value) {
		return new Attribute(field, "eq", PayloadLimits.requireText("attribute.value", value));
	}

	/** People who have the attribute. */
	static AudienceFilter attributeExists(String field) {
		return new Attribute(field, "exists", null);
	}

	/** @param filters the filters that must all match */
	record And(List<AudienceFilter> filters) implements AudienceFilter {

		public And {
			filters = List.copyOf(PayloadLimits.requireSize("and", filters, 1, Integer.MAX_VALUE));
		}

		@JsonValue
		Map<String, Object> json() {
			return Map.of("and", this.filters);
		}

	}

	/** @param filters the filters of which one must match */
	record Or(List<AudienceFilter> filters) implements AudienceFilter {

		public Or {
			filters = List.copyOf(PayloadLimits.requireSize("or", filters, 1, Integer.MAX_VALUE));
		}

		@JsonValue
		Map<String, Object> json() {
			return Map.of("or", this.filters);
		}

	}

	/** @param filter the filter that must not match */
	record Not(AudienceFilter filter) implements AudienceFilter {

		public Not {
			if (filter == null) {
				throw new CustomerIoValidationException("not", "a filter", "must not be null");
			}
		}

		@JsonValue
		Map<String, Object> json() {
			return Map.of("not", this.filter);
		}

	}

	/** @param id the segment's id */
	record Segment(long id) implements AudienceFilter {

		public Segment {
			if (id <= 0) {
				throw new CustomerIoValidationException("segment.id", "positive", "is " + id);
			}
		}

		@JsonValue
		Map<String, Object> json() {
			return Map.of("segment", Map.of("id", this.id));
		}

	}

	/**
	 * @param field the attribute's name
	 * @param operator {@code eq} or {@code exists}
	 * @param value the value to match; required for {@code eq}
	 */
	record Attribute(String field, String operator, String value) implements AudienceFilter {

		public Attribute {
			PayloadLimits.requireText("attribute.field", field);
			if (!"eq".equals(operator) && !"exists".equals(operator)) {
				throw new CustomerIoValidationException("attribute.operator", "eq or exists", "is '" + operator + "'");
			}
			if ("eq".equals(operator)) {
				PayloadLimits.requireText("attribute.value", value);
			}
		}

		@JsonValue
		Map<String, Object> json() {
			Map<String, Object> attribute = new LinkedHashMap<>();
			attribute.put("field", this.field);
			attribute.put("operator", this.operator);
			JsonPayloads.putIfPresent(attribute, "value", this.value);
			return Map.of("attribute", attribute);
		}

	}

}
