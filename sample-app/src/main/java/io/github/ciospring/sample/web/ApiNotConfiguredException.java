package io.github.ciospring.sample.web;

/**
 * A request needs a Customer.io API the app has no credentials for.
 */
class ApiNotConfiguredException extends RuntimeException {

	ApiNotConfiguredException(String api, String properties) {
		super("The " + api + " API is not configured: set " + properties);
	}

}
