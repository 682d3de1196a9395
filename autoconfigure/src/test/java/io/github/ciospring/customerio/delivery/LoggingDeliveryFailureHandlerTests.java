package io.github.ciospring.customerio.delivery;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.track.TrackOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LoggingDeliveryFailureHandlerTests {

	private final AtomicLong now = new AtomicLong();

	private final LoggingDeliveryFailureHandler handler = new LoggingDeliveryFailureHandler(this.now::get);

	private static DeliveryFailure rejectedIdentify() {
		TrackOperation identify = TrackOperation.identify(PersonIdentifier.email("ann@example.com"),
				Map.of("secret_plan", "platinum"));
		return new DeliveryFailure(identify, Kind.ITEM_REJECTED, 207, "invalid", "attributes.secret_plan",
				"value platinum of ann@example.com is invalid");
	}

	@Test
	void logsKindActionReasonAndFieldButNeverIdentifiersValuesOrCustomerIosMessage(CapturedOutput output) {
		this.handler.onFailure(rejectedIdentify());

		assertThat(output).contains("ITEM_REJECTED", "action=identify", "reason=invalid",
				"field=attributes.secret_plan", "statusCode=207");
		assertThat(output).doesNotContain("ann@example.com").doesNotContain("platinum");
	}

	@Test
	void logsAtMostOneLineASecondAndCountsTheLinesItSkipped(CapturedOutput output) {
		for (int i = 0; i < 5; i++) {
			this.handler.onFailure(rejectedIdentify());
		}
		assertThat(output.getAll().lines().filter((line) -> line.contains("not delivered"))).hasSize(1);

		this.now.addAndGet(TimeUnit.SECONDS.toNanos(1));
		this.handler.onFailure(rejectedIdentify());

		assertThat(output.getAll().lines().filter((line) -> line.contains("not delivered"))).hasSize(2);
		assertThat(output).contains("and 4 more failures since the last line");
	}

	@Test
	void countsFailuresByKind() {
		this.handler.onFailure(rejectedIdentify());
		this.handler.onFailure(new DeliveryFailure(TrackOperation.delete(PersonIdentifier.id("1")),
				Kind.DRAIN_TIMEOUT, 0, null, null, "late"));

		assertThat(this.handler.count(Kind.ITEM_REJECTED)).isOne();
		assertThat(this.handler.count(Kind.DRAIN_TIMEOUT)).isOne();
		assertThat(this.handler.count()).isEqualTo(2);
	}

	@Test
	void closingLogsTheFailuresSkippedSinceTheLastLineByKind(CapturedOutput output) {
		for (int i = 0; i < 3; i++) {
			this.handler.onFailure(rejectedIdentify());
		}
		this.handler.onFailure(new DeliveryFailure(TrackOperation.delete(PersonIdentifier.id("1")),
				Kind.DRAIN_TIMEOUT, 0, null, null, "late"));

		this.handler.close();

		assertThat(output).contains("3 more failures since the last line; 4 in all {ITEM_REJECTED=3, DRAIN_TIMEOUT=1}");
	}

	@Test
	void closingAfterNoSkippedLineLogsNothingMore(CapturedOutput output) {
		this.handler.onFailure(rejectedIdentify());
		this.handler.close();

		assertThat(output.getAll().lines().filter((line) -> line.contains("not delivered"))).hasSize(1);
	}

}
