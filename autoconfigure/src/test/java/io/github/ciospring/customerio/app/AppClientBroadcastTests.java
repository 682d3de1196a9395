package io.github.ciospring.customerio.app;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.app.BroadcastAudience.UserData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

@WireMockTest
class AppClientBroadcastTests {

	private static final Map<String, Object> DATA = Map.of("headline", "Sale starts now");

	private AppClient client;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/campaigns/7/triggers").willReturn(okJson("{\"id\":3001,\"unexpected\":\"ignored\"}")));
		this.client = AppClientFixture.client(wm.getHttpBaseUrl());
	}

	@Test
	void triggerReturnsTheTriggerId() {
		BroadcastTriggerResponse response = this.client.triggerBroadcast(BroadcastTrigger.of(7)).block();

		assertThat(response.id()).isEqualTo(3001);
	}

	@Test
	void defaultAudienceWithoutDataSendsAnEmptyObjectWithBearerAuth() {
		this.client.triggerBroadcast(BroadcastTrigger.of(7)).block();

		verify(postRequestedFor(urlEqualTo("/v1/campaigns/7/triggers"))
			.withHeader("Authorization", equalTo("Bearer " + AppClientFixture.API_KEY))
			.withRequestBody(equalToJson("{}")));
	}

	@Test
	void defaultAudienceSendsDataOnly() {
		this.client.triggerBroadcast(BroadcastTrigger.of(7, DATA, BroadcastAudience.defaultRecipients())).block();

		verify(postRequestedFor(urlEqualTo("/v1/campaigns/7/triggers"))
			.withRequestBody(equalToJson("{\"data\":{\"headline\":\"Sale starts now\"}}")));
	}

	@Test
	void idsAudienceSendsIdsWithOnlyTheIdOption() {
		this.client
			.triggerBroadcast(BroadcastTrigger.of(7, DATA, BroadcastAudience.ids(List.of("1", "2")).ignoreMissing()))
			.block();

		verify(postRequestedFor(urlEqualTo("/v1/campaigns/7/triggers")).withRequestBody(equalToJson(
				"{\"data\":{\"headline\":\"Sale starts now\"},\"ids\":[\"1\",\"2\"],\"id_ignore_missing\":true}")));
	}

	@Test
	void emailsAudienceSendsEmailsWithTheEmailOptions() {
		this.client
			.triggerBroadcast(BroadcastTrigger.of(7, Map.of(),
					BroadcastAudience.emails(List.of("a@example.com")).ignoreMissing().addDuplicates()))
			.block();

		verify(postRequestedFor(urlEqualTo("/v1/campaigns/7/triggers")).withRequestBody(equalToJson(
				"{\"emails\":[\"a@example.com\"],\"email_ignore_missing\":true,\"email_add_duplicates\":true}")));
	}

	@Test
	void perUserDataAudienceSendsEachPersonWithTheirData() {
		this.client
			.triggerBroadcast(BroadcastTrigger.of(7, DATA,
					BroadcastAudience.perUserData(List.of(UserData.id("wiley", Map.of("voucher", "FESwYm")),
							UserData.email("road@runner.net", Map.of("voucher", "cYm6XJ"))))))
			.block();

		verify(postRequestedFor(urlEqualTo("/v1/campaigns/7/triggers")).withRequestBody(equalToJson("""
				{"data":{"headline":"Sale starts now"},
				 "per_user_data":[{"id":"wiley","data":{"voucher":"FESwYm"}},
				                  {"email":"road@runner.net","data":{"voucher":"cYm6XJ"}}]}""")));
	}

	@Test
	void dataFileUrlAudienceSendsTheUrl() {
		this.client
			.triggerBroadcast(BroadcastTrigger.of(7, Map.of(),
					BroadcastAudience.dataFileUrl("https://files.example.com/people.jsonl.gz").ignoreMissing()))
			.block();

		verify(postRequestedFor(urlEqualTo("/v1/campaigns/7/triggers")).withRequestBody(equalToJson("""
				{"data_file_url":"https://files.example.com/people.jsonl.gz",
				 "id_ignore_missing":true,"email_ignore_missing":true}""")));
	}

	@Test
	void recipientsAudienceSendsTheFilter() {
		AudienceFilter filter = AudienceFilter.and(AudienceFilter.segment(3),
				AudienceFilter.or(AudienceFilter.attributeEquals("state", "NM"),
						AudienceFilter.not(AudienceFilter.attributeExists("unsubscribed"))));

		this.client.triggerBroadcast(BroadcastTrigger.of(7, DATA, BroadcastAudience.recipients(filter))).block();

		verify(postRequestedFor(urlEqualTo("/v1/campaigns/7/triggers")).withRequestBody(equalToJson("""
				{"data":{"headline":"Sale starts now"},
				 "recipients":{"and":[{"segment":{"id":3}},
				   {"or":[{"attribute":{"field":"state","operator":"eq","value":"NM"}},
				          {"not":{"attribute":{"field":"unsubscribed","operator":"exists"}}}]}]}}""")));
	}

}
