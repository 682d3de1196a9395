package io.github.ciospring.customerio.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetrySettingsTests {

	@Test
	void maxRetryAfterAboveTheCeilingIsRefusedNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(30),
					Duration.ofSeconds(301), RetryOn.TRANSIENT_FAILURES))
			.withMessageContaining("max-retry-after")
			.withMessageContaining("PT5M");
	}

	@Test
	void maxRetryAfterAtTheCeilingIsTheDefault() {
		assertThat(RetrySettings.defaults(RetryOn.TRANSIENT_FAILURES).maxRetryAfter())
			.isEqualTo(RetrySettings.RETRY_AFTER_CEILING)
			.isEqualTo(Duration.ofSeconds(300));
	}

}
