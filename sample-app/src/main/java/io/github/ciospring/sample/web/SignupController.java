package io.github.ciospring.sample.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ciospring.customerio.track.Event;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /signups}: identifies the person and tracks a {@code signed_up} event, one Track call each, through
 * the Track client's rate limiter and retry. Answers once Customer.io accepted both.
 */
@RestController
class SignupController {

	private final ObjectProvider<TrackClient> track;

	SignupController(ObjectProvider<TrackClient> track) {
		this.track = track;
	}

	@PostMapping("/signups")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<SignupResponse> signUp(@RequestBody SignupRequest request) {
		String identifier = Person.identifier(request.id(), request.email());
		Identify.Builder identify = Identify.person(identifier).createdAt(Instant.now());
		Map<String, Object> data = new LinkedHashMap<>();
		if (Person.hasText(request.email())) {
			identify.email(request.email());
		}
		if (Person.hasText(request.plan())) {
			identify.attribute("plan", request.plan());
			data.put("plan", request.plan());
		}
		if (request.attributes() != null) {
			identify.attributes(request.attributes());
		}
		if (Person.hasText(request.source())) {
			data.put("source", request.source());
		}
		Identify person = identify.build();
		Event signedUp = Event.of(identifier, "signed_up", data);
		TrackClient client = this.track.getIfAvailable(() -> {
			throw new ApiNotConfiguredException("Track", "customerio.track.site-id and api-key");
		});
		return client.identify(person)
			.then(client.track(signedUp))
			.thenReturn(new SignupResponse(identifier, signedUp.id()));
	}

	/**
	 * A sign-up.
	 *
	 * @param id the person's id in your system (or leave it out and give {@code email})
	 * @param email the person's email address
	 * @param plan the plan signed up for
	 * @param source where the sign-up came from, sent with the event
	 * @param attributes more attributes of the person
	 */
	record SignupRequest(String id, String email, String plan, String source, Map<String, Object> attributes) {

	}

	/**
	 * @param identifier how Customer.io knows the person
	 * @param eventId the {@code signed_up} event's id (a ULID; Customer.io drops repeats of it)
	 */
	record SignupResponse(String identifier, String eventId) {

	}

}
