package io.github.ciospring.customerio.test.sandbox;

import java.util.List;
import java.util.Map;

/**
 * A handler's answer: the status and JSON body, and what the request carried for the statistics.
 *
 * @param status the HTTP status
 * @param body the JSON body, as maps and lists; {@code null} for an empty object
 * @param acceptedItems operations accepted
 * @param rejectedItems batch items rejected (listed in a 207 body)
 * @param droppedItems items answered 200 but dropped
 * @param eventIds the event ids of the accepted items
 */
record Reply(int status, Object body, int acceptedItems, int rejectedItems, int droppedItems,
		List<String> eventIds) {

	Reply {
		eventIds = List.copyOf(eventIds);
	}

	static Reply ok(Object body) {
		return new Reply(200, body, 1, 0, 0, List.of());
	}

	static Reply ok() {
		return ok(Map.of());
	}

	/** One accepted operation carrying the given event id ({@code null} for none). */
	static Reply accepted(String eventId) {
		return new Reply(200, Map.of(), 1, 0, 0, (eventId != null) ? List.of(eventId) : List.of());
	}

	static Reply error(int status, Object body) {
		return new Reply(status, body, 0, 0, 0, List.of());
	}

	/** Customer.io's v1 error shape: {@code {"meta":{"errors":["..."]}}}. */
	static Reply metaErrors(int status, List<String> messages) {
		return error(status, Map.of("meta", Map.of("errors", messages)));
	}

	/** Customer.io's single error shape: {@code {"meta":{"error":"..."}}}. */
	static Reply metaError(int status, String message) {
		return error(status, Map.of("meta", Map.of("error", message)));
	}

}
