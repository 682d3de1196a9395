package io.github.ciospring.sample.web;

import io.github.ciospring.customerio.app.AppClient;
import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An API without credentials has no client; its endpoints say which property to set instead of failing startup.
 */
class ApiNotConfiguredTests {

	private final StaticListableBeanFactory noBeans = new StaticListableBeanFactory();

	@Test
	void aLookupWithoutTheAppApiIs501NamingTheProperty() {
		WebTestClient http = WebTestClient
			.bindToController(new CustomerLookupController(this.noBeans.getBeanProvider(AppClient.class)))
			.controllerAdvice(new CustomerIoErrors())
			.build();

		http.get()
			.uri("/customers?email=ada@example.com")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.NOT_IMPLEMENTED)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The App API is not configured: set customerio.app.api-key");
	}

	@Test
	void anEventWithoutTheTrackApiIs501NamingTheProperties() {
		WebTestClient http = WebTestClient
			.bindToController(new EventController(this.noBeans.getBeanProvider(TrackDeliveryQueue.class)))
			.controllerAdvice(new CustomerIoErrors())
			.build();

		http.post()
			.uri("/events")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"id\":\"1\",\"name\":\"purchased\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.NOT_IMPLEMENTED)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The Track API is not configured: set customerio.track.site-id and api-key");
	}

}
