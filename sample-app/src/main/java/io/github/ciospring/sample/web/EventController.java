package io.github.ciospring.sample.web;

import java.util.Map;

import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;
import io.github.ciospring.customerio.track.TrackOperation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /events}: tracks an event through the high-volume path. The event is queued at once (202) and
 * delivered in a {@code /api/v2/batch} request with others; what finally fails goes to the failure handler. A full
 * queue answers 503.
 */
@RestController
class EventController {

	private final ObjectProvider<TrackDeliveryQueue> queue;

	EventController(ObjectProvider<TrackDeliveryQueue> queue) {
		this.queue = queue;
	}

	@PostMapping("/events")
	@ResponseStatus(HttpStatus.ACCEPTED)
	EventResponse track(@RequestBody EventRequest request) {
		TrackOperation event = TrackOperation.event(Person.of(request.id(), request.email()), request.name(),
				(request.data() != null) ? request.data() : Map.of());
		this.queue.getIfAvailable(() -> {
			throw new ApiNotConfiguredException("Track", "customerio.track.site-id and api-key");
		}).offer(event);
		return new EventResponse(event.id());
	}

	/**
	 * An event of a person.
	 *
	 * @param id the person's id (or leave it out and give {@code email})
	 * @param email the person's email address
	 * @param name the event's name, for example {@code purchased}
	 * @param data the event's data
	 */
	record EventRequest(String id, String email, String name, Map<String, Object> data) {

	}

	/**
	 * @param eventId the event's id (a ULID; Customer.io drops repeats of it)
	 */
	record EventResponse(String eventId) {

	}

}
