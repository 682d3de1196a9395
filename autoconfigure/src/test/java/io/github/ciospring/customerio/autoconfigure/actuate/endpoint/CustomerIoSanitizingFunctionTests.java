package io.github.ciospring.customerio.autoconfigure.actuate.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerIoSanitizingFunctionTests {

	private final CustomerIoSanitizingFunction function = new CustomerIoSanitizingFunction();

	@ParameterizedTest
	@ValueSource(strings = { "customerio.track.api-key", "customerio.track.apiKey", "CUSTOMERIO_TRACK_APIKEY",
			"customerio.app.api-key", "customerio.pipelines.api-key", "customerio.pipelines.write-key",
			"customerio.rate-limit.redis.password", "customerio.webhooks.signing-secret", "customerio.app.token",
			"customerio.http.proxy.password", "CUSTOMERIO_HTTP_PROXY_PASSWORD" })
	void masksCustomerIoSecrets(String key) {
		assertThat(this.function.apply(new SanitizableData(null, key, "sk-123")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "customerio.track.site-id", "customerio.region", "customerio.track.base-url",
			"customerio.track.rate-limit.requests-per-second", "other.api-key", "spring.application.name",
			"customerio.http.proxy.username", "customerio.http.ssl.bundle" })
	void leavesOtherKeysAlone(String key) {
		assertThat(this.function.apply(new SanitizableData(null, key, "value")).getValue()).isEqualTo("value");
	}

	@Test
	void bothSigningKeysAreMaskedInActuator() {
		assertThat(CustomerIoSanitizingFunction.isSecret("customerio.webhooks.signing-key")).isTrue();
		assertThat(CustomerIoSanitizingFunction.isSecret("customerio.webhooks.secondary-signing-key")).isTrue();
		assertThat(CustomerIoSanitizingFunction.isSecret("CUSTOMERIO_WEBHOOKS_SIGNINGKEY")).isTrue();
		assertThat(CustomerIoSanitizingFunction.isSecret("customerio.webhooks.path")).isFalse();
	}

}
