package io.github.ciospring.customerio.delivery;

import java.util.Map;

import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.track.TrackOperation;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an operation back from the JSON it was stored as, for the failure handler of an outbox row: the same
 * operation, with the same event id, so handing it to a queue again sends the same bytes.
 */
final class StoredOperation {

	private static final JsonMapper json = JsonMapper.builder().build();

	private StoredOperation() {
	}

	@SuppressWarnings("unchecked")
	static TrackOperation decode(byte[] stored) {
		Map<String, Object> map = json.readValue(stored, Map.class);
		Object timestamp = map.get("timestamp");
		return new TrackOperation((String) map.get("type"), (String) map.get("action"),
				person(map.get("identifiers")), (String) map.get("name"), (String) map.get("id"),
				(timestamp != null) ? ((Number) timestamp).longValue() : null,
				(Map<String, Object>) map.get("attributes"), (Map<String, Object>) map.get("device"),
				person(map.get("primary")), person(map.get("secondary")));
	}

	private static PersonIdentifier person(Object value) {
		if (!(value instanceof Map<?, ?> identifier) || identifier.size() != 1) {
			return null;
		}
		Map.Entry<?, ?> entry = identifier.entrySet().iterator().next();
		return new PersonIdentifier(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
	}

}
