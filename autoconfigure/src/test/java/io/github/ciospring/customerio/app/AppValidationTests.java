package io.github.ciospring.customerio.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.app.BroadcastAudience.UserData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Requests that break a documented limit fail before anything is sent, naming the field and the limit.
 */
@WireMockTest
class AppValidationTests {

	private AppClient client;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wm) {
		stubFor(post(anyUrl()).willReturn(okJson("{\"delivery_id\":\"d1\",\"queued_at\":1594838400,\"id\":1}")));
		this.client = AppClientFixture.client(wm.getHttpBaseUrl());
	}

	@Test
	void payloadOverOneMegabyteIsRefusedAndNothingSent() {
		TransactionalEmail email = email().messageData("blob", "x".repeat(AppLimits.MAX_PAYLOAD_BYTES)).build();

		CustomerIoValidationException failure = refused(() -> this.client.sendEmail(email).block());

		assertThat(failure.getField()).isEqualTo("payload");
		assertThat(failure.getLimit()).contains("1048576 bytes").contains("attachments excluded");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void attachmentsDoNotCountTowardsThePayloadLimit() {
		byte[] file = new byte[AppLimits.MAX_PAYLOAD_BYTES];
		TransactionalEmail email = email().attach("big.bin", file).build();

		this.client.sendEmail(email).block();

		verify(1, postRequestedFor(urlEqualTo("/v1/send/email")));
	}

	@Test
	void attachmentsOverTwoMegabytesInAllAreRefused() {
		String base64 = "A".repeat(AppLimits.MAX_ATTACHMENT_BYTES / 2 + 1);
		TransactionalEmail.Builder email = email().attachBase64("a.bin", base64).attachBase64("b.bin", base64);

		CustomerIoValidationException failure = refused(email::build);

		assertThat(failure.getField()).isEqualTo("attachments");
		assertThat(failure.getLimit()).contains("2097152 bytes");
	}

	@Test
	void attachmentWithoutExtensionIsRefused() {
		CustomerIoValidationException failure = refused(() -> email().attach("report", new byte[] { 1 }));

		assertThat(failure.getField()).isEqualTo("attachments.report");
	}

	@Test
	void sameAttachmentNameTwiceIsRefused() {
		TransactionalEmail.Builder email = email().attach("a.txt", new byte[] { 1 });

		CustomerIoValidationException failure = refused(() -> email.attach("a.txt", new byte[] { 2 }));

		assertThat(failure.getLimit()).isEqualTo("unique file names");
	}

	@Test
	void moreThanFifteenRecipientsAcrossToCcAndBccAreRefused() {
		TransactionalEmail.Builder email = email().to(addresses(10).toArray(String[]::new))
			.cc("a@example.com, b@example.com")
			.bcc("c@example.com,d@example.com,e@example.com");

		CustomerIoValidationException failure = refused(email::build);

		assertThat(failure.getField()).isEqualTo("to");
		assertThat(failure.getLimit()).startsWith("15 recipients");
		assertThat(failure).hasMessageContaining("has 16 recipients");
	}

	@Test
	void fifteenRecipientsAreAccepted() {
		TransactionalEmail email = TransactionalEmail.template(44)
			.identifiers(PersonIdentifier.id("42"))
			.to(String.join(",", addresses(15)))
			.build();

		this.client.sendEmail(email).block();

		verify(1, postRequestedFor(urlEqualTo("/v1/send/email")));
	}

	@Test
	void emailWithoutIdentifiersIsRefused() {
		CustomerIoValidationException failure = refused(
				() -> TransactionalEmail.template(44).to("jane@example.com").build());

		assertThat(failure.getField()).isEqualTo("identifiers");
	}

	@Test
	void emailPushAndSmsRefuseAPhoneIdentifierNamingTheAcceptedKinds() {
		PersonIdentifier phone = PersonIdentifier.phone("+15559876543");
		List<CustomerIoValidationException> failures = List.of(
				refused(() -> TransactionalEmail.template(44).identifiers(phone).to("jane@example.com").build()),
				refused(() -> TransactionalPush.template(7).identifiers(phone).build()),
				refused(() -> TransactionalSms.template(9).identifiers(phone).to("+15559876543").build()));

		assertThat(failures).allSatisfy((failure) -> {
			assertThat(failure.getField()).isEqualTo("identifiers");
			assertThat(failure.getLimit()).isEqualTo("one of id, email or cio_id");
			assertThat(failure).hasMessage(
					"identifiers is phone, which transactional messages do not take (limit: one of id, email or cio_id)");
		});
	}

	@Test
	void identifierOverTheSharedLimitIsRefusedForAppAsForTrack() {
		CustomerIoValidationException failure = refused(() -> PersonIdentifier.email("x".repeat(139) + "@example.com"));

		assertThat(failure.getField()).isEqualTo("identifiers.email");
		assertThat(failure.getLimit()).isEqualTo("150 bytes");
	}

	@Test
	void emailWithoutRecipientIsRefused() {
		CustomerIoValidationException failure = refused(
				() -> TransactionalEmail.template(44).identifiers(PersonIdentifier.id("42")).build());

		assertThat(failure.getField()).isEqualTo("to");
	}

	@Test
	void inlineEmailWithoutBodyIsRefused() {
		CustomerIoValidationException failure = refused(
				() -> TransactionalEmail.inline("shop@example.com", "Welcome", " "));

		assertThat(failure.getField()).isEqualTo("body");
	}

	@Test
	void pushWithoutTemplateIsRefused() {
		CustomerIoValidationException failure = refused(() -> TransactionalPush.template((String) null));

		assertThat(failure.getField()).isEqualTo("transactional_message_id");
	}

	@Test
	void pushWithoutIdentifiersIsRefused() {
		CustomerIoValidationException failure = refused(() -> TransactionalPush.template(7).build());

		assertThat(failure.getField()).isEqualTo("identifiers");
	}

	@Test
	void smsWithoutRecipientIsRefused() {
		CustomerIoValidationException failure = refused(
				() -> TransactionalSms.template(9).identifiers(PersonIdentifier.id("42")).build());

		assertThat(failure.getField()).isEqualTo("to");
	}

	@Test
	void sendAtMoreThanNinetyDaysAheadIsRefused() {
		TransactionalEmail.Builder email = email().sendAt(Instant.now().plus(Duration.ofDays(91)));

		CustomerIoValidationException failure = refused(email::build);

		assertThat(failure.getField()).isEqualTo("send_at");
	}

	@Test
	void broadcastDataOverFiftyThousandBytesIsRefused() {
		Map<String, Object> data = Map.of("text", "x".repeat(AppLimits.MAX_BROADCAST_DATA_BYTES));

		CustomerIoValidationException failure = refused(
				() -> BroadcastTrigger.of(7, data, BroadcastAudience.defaultRecipients()));

		assertThat(failure.getField()).isEqualTo("data");
		assertThat(failure.getLimit()).isEqualTo("50000 bytes");
	}

	@Test
	void moreThanTenThousandIdsAreRefused() {
		CustomerIoValidationException failure = refused(() -> BroadcastAudience.ids(numbers(10_001)));

		assertThat(failure.getField()).isEqualTo("ids");
		assertThat(failure.getLimit()).isEqualTo("at most 10000 items");
	}

	@Test
	void tenThousandIdsAreSent() {
		this.client.triggerBroadcast(BroadcastTrigger.of(7, Map.of(), BroadcastAudience.ids(numbers(10_000))))
			.block();

		verify(1, postRequestedFor(urlEqualTo("/v1/campaigns/7/triggers")));
	}

	@Test
	void moreThanTenThousandEmailsAreRefused() {
		CustomerIoValidationException failure = refused(() -> BroadcastAudience.emails(addresses(10_001)));

		assertThat(failure.getField()).isEqualTo("emails");
	}

	@Test
	void moreThanTenThousandPerUserDataEntriesAreRefused() {
		List<UserData> entries = new ArrayList<>(Collections.nCopies(10_001, UserData.id("1", Map.of())));

		CustomerIoValidationException failure = refused(() -> BroadcastAudience.perUserData(entries));

		assertThat(failure.getField()).isEqualTo("per_user_data");
	}

	@Test
	void broadcastTriggerOverTwentyFiveMegabytesIsRefusedAndNothingSent() {
		List<UserData> entries = new ArrayList<>(
				Collections.nCopies(10_000, UserData.id("1", Map.of("text", "x".repeat(2_600)))));
		BroadcastTrigger trigger = BroadcastTrigger.of(7, Map.of(), BroadcastAudience.perUserData(entries));

		CustomerIoValidationException failure = refused(() -> this.client.triggerBroadcast(trigger).block());

		assertThat(failure.getField()).isEqualTo("payload");
		assertThat(failure.getLimit()).contains("25000000 bytes");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void emptyIdListIsRefused() {
		CustomerIoValidationException failure = refused(() -> BroadcastAudience.ids(List.of()));

		assertThat(failure.getLimit()).isEqualTo("at least 1 items");
	}

	@Test
	void triggerWithoutAudienceIsRefused() {
		CustomerIoValidationException failure = refused(() -> BroadcastTrigger.of(7, Map.of(), null));

		assertThat(failure.getField()).isEqualTo("audience");
	}

	private static TransactionalEmail.Builder email() {
		return TransactionalEmail.template(44).identifiers(PersonIdentifier.id("42")).to("jane@example.com");
	}

	private static List<String> addresses(int count) {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			addresses.add("person" + i + "@example.com");
		}
		return addresses;
	}

	private static List<String> numbers(int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(Integer.toString(i));
		}
		return ids;
	}

	private static CustomerIoValidationException refused(Runnable request) {
		CustomerIoValidationException failure = catchThrowableOfType(CustomerIoValidationException.class,
				request::run);
		assertThat(failure).as("validation failure").isNotNull();
		return failure;
	}

}
