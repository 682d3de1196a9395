package io.github.ciospring.sample.importer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.delivery.DeliveryFailure;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.track.TrackOperation;
import io.github.ciospring.sample.importer.FailureTally.FailureReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureTallyTests {

	private final List<DeliveryFailure> delegated = new ArrayList<>();

	private final FailureTally tally = new FailureTally(this.delegated::add);

	@Test
	void countsFailuresByKindStatusReasonAndField() {
		this.tally.onFailure(rejected("7", "invalid_attribute", "attributes.plan"));
		this.tally.onFailure(rejected("8", "invalid_attribute", "attributes.plan"));
		this.tally.onFailure(failure("9", Kind.RETRIES_EXHAUSTED, 503, null, null));

		assertThat(this.tally.snapshot()).containsOnly(
				Map.entry(new FailureReason("ITEM_REJECTED", 207, "invalid_attribute", "attributes.plan"), 2L),
				Map.entry(new FailureReason("RETRIES_EXHAUSTED", 503, null, null), 1L));
	}

	@Test
	void handsEveryFailureToTheDelegate() {
		DeliveryFailure failure = rejected("7", "invalid_attribute", "attributes.plan");

		this.tally.onFailure(failure);

		assertThat(this.delegated).containsExactly(failure);
	}

	@Test
	void sinceCountsOnlyTheFailuresAfterASnapshot() {
		this.tally.onFailure(rejected("7", "invalid_attribute", "attributes.plan"));
		Map<FailureReason, Long> before = this.tally.snapshot();
		this.tally.onFailure(rejected("8", "invalid_attribute", "attributes.plan"));

		assertThat(this.tally.since(before)).containsOnly(
				Map.entry(new FailureReason("ITEM_REJECTED", 207, "invalid_attribute", "attributes.plan"), 1L));
	}

	@Test
	void distinctReasonsAreCappedAndTheRestCountedAsOther() {
		for (int i = 0; i < FailureTally.MAX_REASONS + 5; i++) {
			this.tally.onFailure(rejected("p" + i, "reason-" + i, null));
		}

		Map<FailureReason, Long> snapshot = this.tally.snapshot();
		assertThat(snapshot).hasSize(FailureTally.MAX_REASONS + 1);
		assertThat(snapshot).containsEntry(new FailureReason("OTHER", 0, null, null), 5L);
	}

	@Test
	void awaitTotalReturnsOnceTheFailuresAreCounted() throws InterruptedException {
		Thread handler = new Thread(() -> this.tally.onFailure(rejected("7", "invalid_attribute", null)));
		handler.start();

		assertThat(this.tally.awaitTotal(1, Duration.ofSeconds(10))).isTrue();
		assertThat(this.tally.total()).isEqualTo(1);
	}

	@Test
	void awaitTotalGivesUpAfterTheTimeout() throws InterruptedException {
		assertThat(this.tally.awaitTotal(1, Duration.ofMillis(10))).isFalse();
	}

	@Test
	void aReasonReadsAsKindStatusReasonAndFieldWithoutPersonalData() {
		assertThat(FailureReason.of(rejected("secret-person", "invalid_attribute", "attributes.plan")))
			.hasToString("ITEM_REJECTED (HTTP 207) reason=invalid_attribute field=attributes.plan");
	}

	private static DeliveryFailure rejected(String id, String reason, String field) {
		return failure(id, Kind.ITEM_REJECTED, 207, reason, field);
	}

	private static DeliveryFailure failure(String id, Kind kind, int status, String reason, String field) {
		return new DeliveryFailure(TrackOperation.identify(PersonIdentifier.id(id), Map.of()), kind, status, reason,
				field, "message");
	}

}
