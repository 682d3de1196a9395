package io.github.ciospring.sample.web;

import java.util.List;

import io.github.ciospring.customerio.app.AppClient;
import io.github.ciospring.customerio.app.CustomerIdentifiers;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /customers?email=}: the people with that email address, through the App API (10 requests per second).
 */
@RestController
class CustomerLookupController {

	private final ObjectProvider<AppClient> app;

	CustomerLookupController(ObjectProvider<AppClient> app) {
		this.app = app;
	}

	@GetMapping("/customers")
	Mono<CustomersResponse> byEmail(@RequestParam String email) {
		return this.app.getIfAvailable(() -> {
			throw new ApiNotConfiguredException("App", "customerio.app.api-key");
		}).customersByEmail(email).map(CustomersResponse::new);
	}

	/**
	 * @param customers the people found, possibly none
	 */
	record CustomersResponse(List<CustomerIdentifiers> customers) {

	}

}
