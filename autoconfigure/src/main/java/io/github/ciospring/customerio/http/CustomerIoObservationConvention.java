package io.github.ciospring.customerio.http;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of the observation of a Customer.io call.
 */
public interface CustomerIoObservationConvention extends ObservationConvention<CustomerIoObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CustomerIoObservationContext;
	}

}
