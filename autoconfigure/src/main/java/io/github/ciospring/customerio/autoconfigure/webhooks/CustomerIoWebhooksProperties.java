package io.github.ciospring.customerio.autoconfigure.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The endpoint that receives Customer.io reporting webhooks, verifies them and publishes them as application
 * events. On when {@code signing-key} is set.
 *
 * @param signingKey the reporting webhook's signing key (Customer.io: Data &amp; Integrations, Reporting Webhooks)
 * @param secondarySigningKey a second key accepted as well, while rotating keys
 * @param path where Customer.io posts the events
 * @param tolerance how far the {@code X-CIO-Timestamp} may be from now, either way, before a request is refused as a
 * replay
 * @param maxBodySize the largest body accepted; larger ones get 413 (sent events with body content are the largest)
 */
@ConfigurationProperties("customerio.webhooks")
public record CustomerIoWebhooksProperties(@Nullable String signingKey, @Nullable String secondarySigningKey,
		@DefaultValue("/customerio/webhooks") String path, @DefaultValue("5m") Duration tolerance,
		@DefaultValue("2MB") DataSize maxBodySize) {

	public CustomerIoWebhooksProperties {
		if (path == null || !path.startsWith("/")) {
			throw new IllegalArgumentException("customerio.webhooks.path must start with '/', was " + path);
		}
		if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
			throw new IllegalArgumentException("customerio.webhooks.tolerance must be positive, was " + tolerance);
		}
		if (maxBodySize == null || maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException(
					"customerio.webhooks.max-body-size must be between 1B and 2GB, was " + maxBodySize);
		}
	}

	/** The signing keys: the primary, then the secondary when set. */
	List<String> signingKeys() {
		if (this.signingKey == null || this.signingKey.isBlank()) {
			throw new IllegalStateException("customerio.webhooks.signing-key must not be blank");
		}
		List<String> keys = new ArrayList<>(List.of(this.signingKey.trim()));
		if (this.secondarySigningKey != null && !this.secondarySigningKey.isBlank()) {
			keys.add(this.secondarySigningKey.trim());
		}
		return keys;
	}

	@Override
	public String toString() {
		return "CustomerIoWebhooksProperties[signingKey=" + ((this.signingKey != null) ? "******" : null)
				+ ", secondarySigningKey=" + ((this.secondarySigningKey != null) ? "******" : null) + ", path="
				+ this.path + ", tolerance=" + this.tolerance + ", maxBodySize=" + this.maxBodySize + "]";
	}

}
