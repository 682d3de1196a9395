package io.github.ciospring.customerio.delivery;

import java.time.Duration;

import io.github.ciospring.customerio.track.TrackLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeliverySettingsTests {

	@Test
	void defaultBatchIsBelow500000BytesAsCustomerIoRequiresABatchSmallerThan500Kb() {
		assertThat(DeliverySettings.defaults().maxBatchBytes()).isEqualTo(499_999);
		assertThat(DeliverySettings.MAX_BATCH_BYTES).isEqualTo(499_999);
	}

	@Test
	void batchBytesOf500000AreRefusedNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeliveryFixtures.settings().maxBatch(1000, 500_000).build())
			.withMessageContaining("max-batch-bytes");
	}

	@Test
	void batchBytesAboveTheApiLimitAreRefusedNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeliveryFixtures.settings().maxBatch(1000, TrackLimits.MAX_BATCH_BYTES).build())
			.withMessageContaining("max-batch-bytes");
	}

	@Test
	void batchBytesTooSmallForTheLargestOperationAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeliveryFixtures.settings().maxBatch(1000, TrackLimits.MAX_OPERATION_BYTES).build())
			.withMessageContaining("max-batch-bytes");
	}

	@Test
	void byteCapacityBelowTwoLargestOperationsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeliveryFixtures.settings().capacity(10, TrackLimits.MAX_OPERATION_BYTES).build())
			.withMessageContaining("capacity-bytes");
	}

	@Test
	void negativeDurationsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeliveryFixtures.settings().linger(Duration.ofMillis(-1)).build())
			.withMessageContaining("linger");
	}

	@Test
	void concurrencyBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeliveryFixtures.settings().concurrency(0).build())
			.withMessageContaining("concurrency");
	}

}
