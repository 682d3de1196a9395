package io.github.ciospring.customerio.track;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Event data is copied as given: in its order, with {@code null} values kept, for identified and anonymous events.
 */
class EventDataTests {

	private static Map<String, Object> data() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("z", 1);
		data.put("coupon", null);
		data.put("a", "x");
		return data;
	}

	@Test
	void eventPageAndScreenKeepTheDataInOrderWithNullValues() {
		assertThat(Event.of("42", "purchased", data()).data()).containsExactly(entry("z", 1), entry("coupon", null),
				entry("a", "x"));
		assertThat(Event.page("42", "https://example.com", data()).data()).containsExactly(entry("z", 1),
				entry("coupon", null), entry("a", "x"));
		assertThat(Event.screen("42", "home", data()).data()).containsExactly(entry("z", 1), entry("coupon", null),
				entry("a", "x"));
	}

	@Test
	void anonymousEventKeepsTheDataInOrderWithNullValues() {
		assertThat(AnonymousEvent.of("anon-1", "viewed", data()).data()).containsExactly(entry("z", 1),
				entry("coupon", null), entry("a", "x"));
	}

	@Test
	void laterChangesToTheCallersMapDoNotReachTheEvent() {
		Map<String, Object> data = data();
		Event event = Event.of("42", "purchased", data);

		data.put("late", true);

		assertThat(event.data()).doesNotContainKey("late");
	}

}
