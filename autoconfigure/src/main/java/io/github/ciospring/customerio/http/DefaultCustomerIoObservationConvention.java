package io.github.ciospring.customerio.http;

import io.micrometer.common.KeyValues;

/**
 * Observes each Customer.io call as {@code customerio.calls}, with the low-cardinality key values {@code api},
 * {@code operation} and {@code outcome} and the high-cardinality {@code attempts}. Spans are named
 * {@code customerio <api> <operation>}. Never a customer identifier, a URI or a key.
 */
public class DefaultCustomerIoObservationConvention implements CustomerIoObservationConvention {

	/** The observation name; with Micrometer's meter handler, also the name of the timer it records. */
	public static final String NAME = "customerio.calls";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CustomerIoObservationContext context) {
		return "customerio " + context.getApi() + " " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CustomerIoObservationContext context) {
		return KeyValues.of("api", context.getApi(), "operation", context.getOperation(), "outcome",
				context.getOutcome());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(CustomerIoObservationContext context) {
		return KeyValues.of("attempts", Integer.toString(context.getAttempts()));
	}

}
