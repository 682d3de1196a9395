package io.github.ciospring.customerio.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.IdType;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

@WireMockTest
class AppClientLookupTests {

	private static final String EXPORT = """
			{"id":110,"user_id":0,"user_email":"person@email.com","total":1234,"deduplicate_id":"110:1530296738",
			 "type":"customers","failed":false,"status":"done","description":"Customers in Purchased Flowers",
			 "downloads":2,"created_at":1530296738,"updated_at":1530296799,"unexpected":[1,2]}""";

	@Test
	void customersByEmailEncodesTheAddressAsAQueryValue(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/v1/customers")).willReturn(okJson("{\"results\":[]}")));

		AppClientFixture.client(wm.getHttpBaseUrl()).customersByEmail("jane+news@example.com").block();

		verify(getRequestedFor(urlEqualTo("/v1/customers?email=jane%2Bnews%40example.com"))
			.withHeader("Authorization", equalTo("Bearer " + AppClientFixture.API_KEY)));
	}

	@Test
	void customersByEmailReadsTheMatchingPeople(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/v1/customers")).willReturn(okJson("""
				{"results":[{"email":"hugh@example.com","id":2,"cio_id":"a3000001","extra":1},
				            {"email":"hugh@example.com","id":null,"cio_id":"a3000002"}],"next":""}""")));

		List<CustomerIdentifiers> people = AppClientFixture.client(wm.getHttpBaseUrl())
			.customersByEmail("hugh@example.com")
			.block();

		assertThat(people).containsExactly(new CustomerIdentifiers("2", "hugh@example.com", "a3000001"),
				new CustomerIdentifiers(null, "hugh@example.com", "a3000002"));
	}

	@Test
	void customerAttributesSendsTheIdTypeAndReadsTheProfile(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/v1/customers/%2B14155552671/attributes")).willReturn(okJson("""
				{"customer":{"id":"1","identifiers":{"id":"1","email":"test@example.com","cio_id":"03000001"},
				 "attributes":{"email":"test@example.com","title":"tester","id":"1"},
				 "timestamps":{"id":1489014595},"unsubscribed":false,
				 "devices":[{"id":"my_ios_device_id","last_used":1514764800,"platform":"ios"}]}}""")));

		CustomerAttributes customer = AppClientFixture.client(wm.getHttpBaseUrl())
			.customerAttributes("+14155552671", IdType.PHONE)
			.block();

		verify(getRequestedFor(urlEqualTo("/v1/customers/%2B14155552671/attributes?id_type=phone")));
		assertThat(customer.id()).isEqualTo("1");
		assertThat(customer.identifiers()).isEqualTo(new CustomerIdentifiers("1", "test@example.com", "03000001"));
		assertThat(customer.attributes()).containsEntry("title", "tester");
		assertThat(customer.unsubscribed()).isFalse();
		assertThat(customer.devices()).containsExactly(new CustomerAttributes.Device("my_ios_device_id", "ios",
				Instant.ofEpochSecond(1514764800), null));
	}

	@Test
	void customerAttributesByIdSendsNoIdType(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/v1/customers/a%2Fb/attributes")).willReturn(okJson("{\"customer\":{}}")));

		AppClientFixture.client(wm.getHttpBaseUrl()).customerAttributes("a/b").block();

		verify(getRequestedFor(urlEqualTo("/v1/customers/a%2Fb/attributes")));
	}

	@Test
	void listExportsReadsEveryExport(WireMockRuntimeInfo wm) {
		stubFor(get("/v1/exports").willReturn(okJson("{\"exports\":[" + EXPORT + "]}")));

		List<Export> exports = AppClientFixture.client(wm.getHttpBaseUrl()).listExports().block();

		verify(getRequestedFor(urlEqualTo("/v1/exports"))
			.withHeader("Authorization", equalTo("Bearer " + AppClientFixture.API_KEY)));
		assertThat(exports).containsExactly(new Export(110, "customers", "done", false, 1234L,
				"Customers in Purchased Flowers", 2L, 0L, "person@email.com", "110:1530296738",
				Instant.ofEpochSecond(1530296738), Instant.ofEpochSecond(1530296799)));
		assertThat(exports.get(0).isDone()).isTrue();
	}

	@Test
	void getExportReadsOneExport(WireMockRuntimeInfo wm) {
		stubFor(get("/v1/exports/110").willReturn(okJson("{\"export\":" + EXPORT + "}")));

		Export export = AppClientFixture.client(wm.getHttpBaseUrl()).getExport(110).block();

		verify(getRequestedFor(urlEqualTo("/v1/exports/110")));
		assertThat(export.id()).isEqualTo(110);
		assertThat(export.total()).isEqualTo(1234);
	}

	@Test
	void downloadExportReadsTheSignedLink(WireMockRuntimeInfo wm) {
		stubFor(get("/v1/exports/110/download")
			.willReturn(okJson("{\"url\":\"https://exports.example.com/110.csv?sig=x\"}")));

		ExportDownload download = AppClientFixture.client(wm.getHttpBaseUrl()).downloadExport(110).block();

		verify(getRequestedFor(urlEqualTo("/v1/exports/110/download")));
		assertThat(download.url()).isEqualTo("https://exports.example.com/110.csv?sig=x");
	}

	@Test
	void exportCustomersPostsFiltersAndAttributes(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/exports/customers").willReturn(okJson("{\"export\":" + EXPORT + "}")));

		Export export = AppClientFixture.client(wm.getHttpBaseUrl())
			.exportCustomers(CustomersExport.of(AudienceFilter.segment(3)).withAttributes("plan", "city"))
			.block();

		verify(postRequestedFor(urlEqualTo("/v1/exports/customers"))
			.withHeader("Authorization", equalTo("Bearer " + AppClientFixture.API_KEY))
			.withRequestBody(equalToJson("{\"filters\":{\"segment\":{\"id\":3}},\"attributes\":[\"plan\",\"city\"]}")));
		assertThat(export.id()).isEqualTo(110);
	}

	@Test
	void exportDeliveriesPostsTheSourceAndOptions(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/exports/deliveries").willReturn(okJson("{\"export\":" + EXPORT + "}")));

		AppClientFixture.client(wm.getHttpBaseUrl())
			.exportDeliveries(DeliveriesExport.newsletter(12)
				.start(Instant.ofEpochSecond(1517529600))
				.end(Instant.ofEpochSecond(1517702400))
				.metric(ExportMetric.OPENED)
				.attributes("plan")
				.drafts(true)
				.templateId(5)
				.build())
			.block();

		verify(postRequestedFor(urlEqualTo("/v1/exports/deliveries")).withRequestBody(equalToJson("""
				{"newsletter_id":12,"start":1517529600,"end":1517702400,"attributes":["plan"],
				 "metric":"opened","drafts":true,"template_id":5}""")));
	}

	@Test
	void exportDeliveriesOfACampaignNamesTheCampaign(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/exports/deliveries").willReturn(okJson("{\"export\":" + EXPORT + "}")));

		AppClientFixture.client(wm.getHttpBaseUrl()).exportDeliveries(DeliveriesExport.campaign(4).build()).block();

		verify(postRequestedFor(urlEqualTo("/v1/exports/deliveries")).withRequestBody(equalToJson("{\"campaign_id\":4}")));
	}

	@Test
	void workspaceIdIsSentOnEveryRequestWhenConfigured(WireMockRuntimeInfo wm) {
		stubFor(get("/v1/exports").willReturn(okJson("{\"exports\":[]}")));
		stubFor(post("/v1/campaigns/7/triggers").willReturn(okJson("{\"id\":1}")));
		AppClient client = AppClientFixture.at(wm.getHttpBaseUrl()).headers(Map.of("X-Workspace-Id", "100")).build();

		client.listExports().block();
		client.triggerBroadcast(BroadcastTrigger.of(7)).block();

		verify(getRequestedFor(urlEqualTo("/v1/exports")).withHeader("X-Workspace-Id", equalTo("100")));
		verify(postRequestedFor(urlEqualTo("/v1/campaigns/7/triggers")).withHeader("X-Workspace-Id", equalTo("100")));
	}

}
