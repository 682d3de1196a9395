package io.github.ciospring.customerio.pipelines;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.Platform;
import io.github.ciospring.customerio.Ulid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The message types: ids and times given at creation, and the checks made before anything could be sent.
 */
class PipelinesMessagesTests {

	@Test
	void messageGetsAUlidMessageIdWhenCreated() {
		TrackMessage message = TrackMessage.builder("Signed In").userId("42").build();
		assertThat(Ulid.isValid(message.messageId())).as(message.messageId()).isTrue();
	}

	@Test
	void messageKeepsItsMessageIdInEveryPayload() {
		IdentifyMessage message = IdentifyMessage.builder().userId("42").build();
		assertThat(message.payload().get("messageId")).isEqualTo(message.messageId());
		assertThat(message.payload()).isEqualTo(message.payload());
	}

	@Test
	void eachMessageGetsItsOwnMessageId() {
		TrackMessage.Builder builder = TrackMessage.builder("Signed In").userId("42");
		assertThat(builder.build().messageId()).isNotEqualTo(builder.build().messageId());
	}

	@Test
	void givenMessageIdIsKept() {
		assertThat(PageMessage.builder("Home").userId("42").messageId("outbox-17").build().messageId())
			.isEqualTo("outbox-17");
	}

	@Test
	void timestampDefaultsToTheCreationTimeInMilliseconds() {
		Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		TrackMessage message = TrackMessage.builder("Signed In").userId("42").build();
		assertThat(message.timestamp()).isBetween(before, Instant.now())
			.isEqualTo(message.timestamp().truncatedTo(ChronoUnit.MILLIS));
	}

	@Test
	void timestampIsSentAsIso8601InUtcWithMilliseconds() {
		TrackMessage message = TrackMessage.builder("Signed In")
			.userId("42")
			.timestamp(Instant.parse("2026-11-22T10:15:30.123456789Z"))
			.build();
		assertThat(message.payload()).containsEntry("timestamp", "2026-11-22T10:15:30.123Z");
	}

	@Test
	void messageWithoutUserIdOrAnonymousIdIsRefusedNamingBoth() {
		assertThatThrownBy(() -> IdentifyMessage.builder().email("ada@example.com").build())
			.isInstanceOfSatisfying(CustomerIoValidationException.class,
					(ex) -> assertThat(ex.getField()).isEqualTo("userId/anonymousId"));
	}

	@Test
	void blankUserIdIsRefused() {
		assertThatThrownBy(() -> TrackMessage.builder("Signed In").userId(" ").anonymousId("a1").build())
			.isInstanceOfSatisfying(CustomerIoValidationException.class,
					(ex) -> assertThat(ex.getField()).isEqualTo("userId"));
	}

	@Test
	void trackWithoutEventNameIsRefused() {
		assertThatThrownBy(() -> TrackMessage.builder("").userId("42").build()).isInstanceOfSatisfying(
				CustomerIoValidationException.class, (ex) -> assertThat(ex.getField()).isEqualTo("event"));
	}

	@Test
	void groupWithoutGroupIdIsRefused() {
		assertThatThrownBy(() -> GroupMessage.builder(null).userId("42").build()).isInstanceOfSatisfying(
				CustomerIoValidationException.class, (ex) -> assertThat(ex.getField()).isEqualTo("groupId"));
	}

	@Test
	void aliasWithoutPreviousIdIsRefused() {
		assertThatThrownBy(() -> AliasMessage.of(null, "42")).isInstanceOfSatisfying(
				CustomerIoValidationException.class, (ex) -> assertThat(ex.getField()).isEqualTo("previousId"));
	}

	@Test
	void aliasWithAnAnonymousIdIsRefusedPointingToPreviousId() {
		assertThatThrownBy(() -> AliasMessage.builder("old").userId("42").anonymousId("a1").build())
			.isInstanceOfSatisfying(CustomerIoValidationException.class,
					(ex) -> assertThat(ex).hasMessageContaining("previousId"));
	}

	@Test
	void semanticPersonEventForAnAnonymousVisitorIsRefusedNamingUserId() {
		assertThatThrownBy(() -> TrackMessage.builder(TrackMessage.USER_DELETED).anonymousId("a1").build())
			.isInstanceOfSatisfying(CustomerIoValidationException.class,
					(ex) -> assertThat(ex.getField()).isEqualTo("userId"));
	}

	@Test
	void deviceEventWithoutATokenIsRefused() {
		assertThatThrownBy(() -> TrackMessage.builder(TrackMessage.DEVICE_CREATED_OR_UPDATED).userId("42").build())
			.isInstanceOfSatisfying(CustomerIoValidationException.class,
					(ex) -> assertThat(ex.getField()).isEqualTo("context.device.token"));
	}

	@Test
	void deviceKeepsOtherDeviceContextFields() {
		TrackMessage message = TrackMessage.builder(TrackMessage.DEVICE_CREATED_OR_UPDATED)
			.userId("42")
			.context("device", Map.of("model", "Pixel 9"))
			.device("tok-1", Platform.ANDROID)
			.build();
		assertThat(message.context().get("device"))
			.isEqualTo(Map.of("model", "Pixel 9", "token", "tok-1", "type", "android"));
	}

	@Test
	void messageDoesNotChangeWhenItsBuilderDoes() {
		TrackMessage.Builder builder = TrackMessage.builder("Signed In").userId("42").property("a", 1);
		TrackMessage message = builder.build();
		builder.property("b", 2).context("ip", "203.0.113.9");
		assertThat(message.properties()).containsOnlyKeys("a");
		assertThat(message.context()).isEmpty();
	}

}
