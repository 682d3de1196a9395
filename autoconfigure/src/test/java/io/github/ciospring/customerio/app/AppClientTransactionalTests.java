package io.github.ciospring.customerio.app;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.Platform;
import io.github.ciospring.customerio.track.Device;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@WireMockTest
class AppClientTransactionalTests {

	private static final String QUEUED = "{\"delivery_id\":\"RAECAAFwnUSneIa0ZXkmq8EdkAM==\",\"queued_at\":1594838400,"
			+ "\"unexpected\":{\"nested\":true}}";

	@Test
	void sendEmailFromTemplatePostsTheDocumentedFieldsWithBearerAuth(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/email").willReturn(okJson(QUEUED)));
		Instant sendAt = Instant.now().plusSeconds(3600);
		TransactionalEmail email = TransactionalEmail.template(44)
			.identifiers(PersonIdentifier.email("jane@example.com"))
			.to("jane@example.com")
			.cc("boss@example.com")
			.bcc("audit@example.com")
			.replyTo("help@example.com")
			.subject("Your receipt")
			.preheader("Thanks!")
			.bodyPlain("plain")
			.messageData("order", Map.of("total", 10))
			.header("X-Mailgun-Tag", "receipts")
			.sendAt(sendAt)
			.language("fr")
			.tracked(false)
			.queueDraft(true)
			.disableMessageRetention(true)
			.sendToUnsubscribed(false)
			.fakeBcc(false)
			.disableCssPreprocessing(true)
			.build();

		AppClientFixture.client(wm.getHttpBaseUrl()).sendEmail(email).block();

		verify(postRequestedFor(urlEqualTo("/v1/send/email"))
			.withHeader("Authorization", equalTo("Bearer " + AppClientFixture.API_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("""
					{"transactional_message_id":44,"identifiers":{"email":"jane@example.com"},
					 "message_data":{"order":{"total":10}},"to":"jane@example.com","cc":"boss@example.com",
					 "bcc":"audit@example.com","reply_to":"help@example.com","subject":"Your receipt",
					 "preheader":"Thanks!","body_plain":"plain","headers":{"X-Mailgun-Tag":"receipts"},
					 "send_at":%d,"language":"fr","tracked":false,"queue_draft":true,
					 "disable_message_retention":true,"send_to_unsubscribed":false,"fake_bcc":false,
					 "disable_css_preprocessing":true}""".formatted(sendAt.getEpochSecond()))));
	}

	@Test
	void sendEmailReadsDeliveryIdAndQueuedAtIgnoringUnknownFields(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/email").willReturn(okJson(QUEUED)));
		TransactionalEmail email = TransactionalEmail.template("password_reset")
			.identifiers(PersonIdentifier.id("42"))
			.to("jane@example.com")
			.build();

		TransactionalResponse response = AppClientFixture.client(wm.getHttpBaseUrl()).sendEmail(email).block();

		assertThat(response.deliveryId()).isEqualTo("RAECAAFwnUSneIa0ZXkmq8EdkAM==");
		assertThat(response.queuedAt()).isEqualTo(Instant.ofEpochSecond(1594838400));
	}

	@Test
	void templateTriggerNameIsSentAsAString(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/email").willReturn(okJson(QUEUED)));
		TransactionalEmail email = TransactionalEmail.template("password_reset")
			.identifiers(PersonIdentifier.cioId("a3000001"))
			.to("jane@example.com")
			.autoCreate(true)
			.build();

		AppClientFixture.client(wm.getHttpBaseUrl()).sendEmail(email).block();

		verify(postRequestedFor(urlEqualTo("/v1/send/email")).withRequestBody(equalToJson("""
				{"transactional_message_id":"password_reset","identifiers":{"cio_id":"a3000001"},
				 "to":"jane@example.com","auto_create":true}""")));
	}

	@Test
	void inlineEmailSendsFromSubjectAndBodyWithoutTemplate(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/email").willReturn(okJson(QUEUED)));
		TransactionalEmail email = TransactionalEmail
			.inline("\"Shop\" <shop@example.com>", "Welcome", "<p>Hello {{message_data.name}}</p>")
			.identifiers(PersonIdentifier.id("42"))
			.to("\"Doe, Jane\" <jane@example.com>", "john@example.com")
			.messageData("name", "Jane")
			.bodyAmp("<amp/>")
			.build();

		AppClientFixture.client(wm.getHttpBaseUrl()).sendEmail(email).block();

		verify(postRequestedFor(urlEqualTo("/v1/send/email")).withRequestBody(equalToJson("""
				{"identifiers":{"id":"42"},"message_data":{"name":"Jane"},
				 "to":"\\"Doe, Jane\\" <jane@example.com>,john@example.com","from":"\\"Shop\\" <shop@example.com>",
				 "subject":"Welcome","body":"<p>Hello {{message_data.name}}</p>","body_amp":"<amp/>"}""")));
	}

	@Test
	void attachmentsAreSentBase64EncodedByFileName(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/email").willReturn(okJson(QUEUED)));
		byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
		TransactionalEmail email = TransactionalEmail.template(44)
			.identifiers(PersonIdentifier.id("42"))
			.to("jane@example.com")
			.attach("report.csv", csv)
			.attachBase64("logo.png", "iVBORw0KGgo=")
			.build();

		AppClientFixture.client(wm.getHttpBaseUrl()).sendEmail(email).block();

		verify(postRequestedFor(urlEqualTo("/v1/send/email")).withRequestBody(equalToJson("{\"attachments\":{"
				+ "\"report.csv\":\"" + Base64.getEncoder().encodeToString(csv) + "\",\"logo.png\":\"iVBORw0KGgo=\"}}",
				false, true)));
	}

	@Test
	void sendPushPostsTemplateAndOverrides(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/push").willReturn(okJson(QUEUED)));
		TransactionalPush push = TransactionalPush.template(7)
			.identifiers(PersonIdentifier.id("42"))
			.toLastUsedDevice()
			.title("New sign-in")
			.message("Was it you?")
			.imageUrl("https://example.com/i.png")
			.link("app://security")
			.sound("none")
			.customData(Map.of("screen", "security"))
			.customDevice(new Device("tok-1", Platform.IOS, Instant.ofEpochSecond(1514764800),
					Map.of("app_version", "1.2")))
			.customPayload(Map.of("ios", Map.of("aps", Map.of("badge", 1))))
			.messageData("city", "Lyon")
			.build();

		TransactionalResponse response = AppClientFixture.client(wm.getHttpBaseUrl()).sendPush(push).block();

		assertThat(response.deliveryId()).isNotBlank();
		verify(postRequestedFor(urlEqualTo("/v1/send/push"))
			.withHeader("Authorization", equalTo("Bearer " + AppClientFixture.API_KEY))
			.withRequestBody(equalToJson("""
					{"transactional_message_id":7,"identifiers":{"id":"42"},"message_data":{"city":"Lyon"},
					 "to":"last_used","title":"New sign-in","message":"Was it you?",
					 "image_url":"https://example.com/i.png","link":"app://security","sound":"none",
					 "custom_data":{"screen":"security"},
					 "custom_device":{"token":"tok-1","platform":"ios","last_used":1514764800,
					                  "attributes":{"app_version":"1.2"}},
					 "custom_payload":{"ios":{"aps":{"badge":1}}}}""")));
	}

	@Test
	void sendSmsPostsTemplateRecipientAndSender(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/sms").willReturn(okJson(QUEUED)));
		TransactionalSms sms = TransactionalSms.template("verification_code")
			.identifiers(PersonIdentifier.id("42"))
			.to("+15559876543")
			.from("+15551234567")
			.tracked(false)
			.messageData("code", "123456")
			.build();

		AppClientFixture.client(wm.getHttpBaseUrl()).sendSms(sms).block();

		verify(postRequestedFor(urlEqualTo("/v1/send/sms"))
			.withHeader("Authorization", equalTo("Bearer " + AppClientFixture.API_KEY))
			.withRequestBody(equalToJson("""
					{"transactional_message_id":"verification_code","identifiers":{"id":"42"},
					 "message_data":{"code":"123456"},"to":"+15559876543","from":"+15551234567",
					 "tracked":false}""")));
	}

	@Test
	void identifiersAreWrittenExactlyAsBeforeTheyWereShared(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/sms").willReturn(okJson(QUEUED)));
		TransactionalSms sms = TransactionalSms.template(9)
			.identifiers(PersonIdentifier.cioId("a3000001"))
			.to("+15559876543")
			.build();

		AppClientFixture.client(wm.getHttpBaseUrl()).sendSms(sms).block();

		verify(postRequestedFor(urlEqualTo("/v1/send/sms")).withRequestBody(equalTo(
				"{\"transactional_message_id\":9,\"identifiers\":{\"cio_id\":\"a3000001\"},\"to\":\"+15559876543\"}")));
	}

	@Test
	void phoneIdentifierIsRefusedBeforeAnythingIsSent(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/sms").willReturn(okJson(QUEUED)));
		AppClient client = AppClientFixture.client(wm.getHttpBaseUrl());

		assertThatExceptionOfType(CustomerIoValidationException.class)
			.isThrownBy(() -> client.sendSms(TransactionalSms.template(9)
				.identifiers(PersonIdentifier.phone("+15559876543"))
				.to("+15559876543")
				.build()).block())
			.satisfies((failure) -> {
				assertThat(failure.getField()).isEqualTo("identifiers");
				assertThat(failure.getLimit()).isEqualTo("one of id, email or cio_id");
			})
			.withMessage("identifiers is phone, which transactional messages do not take "
					+ "(limit: one of id, email or cio_id)")
			.withMessageNotContaining("+15559876543");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void toStringLeavesOutPersonalData() {
		TransactionalEmail email = TransactionalEmail.template(44)
			.identifiers(PersonIdentifier.email("jane@example.com"))
			.to("jane@example.com")
			.messageData("token", "secret-reset-token")
			.build();

		assertThat(email.toString()).doesNotContain("jane@example.com").doesNotContain("secret-reset-token");
	}

}
