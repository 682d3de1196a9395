package io.github.ciospring.customerio.test.sandbox;

import io.github.ciospring.customerio.Ulid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdSetTests {

	@Test
	void aUlidSeenTwiceIsADuplicate() {
		EventIdSet ids = new EventIdSet(100);
		String id = Ulid.next();
		assertThat(ids.add(id)).isEqualTo(EventIdSet.Outcome.NEW);
		assertThat(ids.add(id)).isEqualTo(EventIdSet.Outcome.DUPLICATE);
	}

	@Test
	void ulidsAreComparedCaseInsensitivelyAsCustomerIoDecodesThem() {
		EventIdSet ids = new EventIdSet(100);
		String id = Ulid.next();
		ids.add(id);
		assertThat(ids.add(id.toLowerCase())).isEqualTo(EventIdSet.Outcome.DUPLICATE);
	}

	@Test
	void idsThatAreNotUlidsAreTrackedToo() {
		EventIdSet ids = new EventIdSet(100);
		assertThat(ids.add("order-42")).isEqualTo(EventIdSet.Outcome.NEW);
		assertThat(ids.add("order-43")).isEqualTo(EventIdSet.Outcome.NEW);
		assertThat(ids.add("order-42")).isEqualTo(EventIdSet.Outcome.DUPLICATE);
	}

	@Test
	void manyDistinctIdsAreAllNew() {
		EventIdSet ids = new EventIdSet(200_000);
		int fresh = 0;
		for (int i = 0; i < 100_000; i++) {
			if (ids.add(Ulid.next()) == EventIdSet.Outcome.NEW) {
				fresh++;
			}
		}
		assertThat(fresh).isEqualTo(100_000);
		assertThat(ids.size()).isEqualTo(100_000);
	}

	@Test
	void aFullSetStopsRememberingNewIds() {
		EventIdSet ids = new EventIdSet(2);
		ids.add("a");
		ids.add("b");
		assertThat(ids.add("c")).isEqualTo(EventIdSet.Outcome.NOT_REMEMBERED);
		assertThat(ids.add("a")).isEqualTo(EventIdSet.Outcome.DUPLICATE);
	}

}
