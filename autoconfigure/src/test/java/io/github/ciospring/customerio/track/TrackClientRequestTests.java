package io.github.ciospring.customerio.track;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.customerio.IdType;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.Platform;
import io.github.ciospring.customerio.Ulid;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.OpenApiSpec;
import io.github.ciospring.customerio.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getAllServeEvents;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact request of every Track operation: method, path (identifiers encoded as single path segments), query,
 * Basic authentication and body, and that the body is what Customer.io's OpenAPI spec describes for the operation.
 */
@WireMockTest
class TrackClientRequestTests {

	private static final OpenApiSpec SPEC = OpenApiSpec.track();

	private static final Instant AT = Instant.ofEpochSecond(1_700_000_000L);

	private TrackClient client;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wireMock) {
		stubFor(any(anyUrl()).willReturn(ok()));
		this.client = new TestClients().track(wireMock.getHttpBaseUrl(),
				TestClients.quickRetries(1, RetryOn.TRANSIENT_FAILURES));
	}

	@Test
	void identifyPutsTheAttributesToTheCustomerPath() throws Exception {
		this.client.identify(Identify.person("42").email("a@x.com").createdAt(AT).attribute("plan", "pro").build())
			.block();

		LoggedRequest request = onlyRequest("PUT", "/api/v1/customers/42");
		assertBody(request, "{\"email\":\"a@x.com\",\"created_at\":1700000000,\"plan\":\"pro\"}");
		assertConformsToSpec(request, "PUT", "/api/v1/customers/{identifier}");
	}

	@Test
	void identifyEncodesSlashAndAtInTheIdentifierAsOnePathSegment() {
		this.client.identify(Identify.person("a/b@x.com").build()).block();

		onlyRequest("PUT", "/api/v1/customers/a%2Fb%40x.com");
	}

	@Test
	void identifyEncodesPlusSpaceAndNonAsciiInTheIdentifier() {
		this.client.identify(Identify.person("a+b c@ü.com").build()).block();

		onlyRequest("PUT", "/api/v1/customers/a%2Bb%20c%40%C3%BC.com");
	}

	@Test
	void identifyAddressesAPersonByCioIdWithItsPrefix() {
		this.client.identify(Identify.person("cio_03000001").attribute("plan", "pro").build()).block();

		onlyRequest("PUT", "/api/v1/customers/cio_03000001");
	}

	@Test
	void requestsCarryBasicAuthenticationAndAJsonContentType() {
		this.client.identify(Identify.person("42").attribute("plan", "pro").build()).block();

		LoggedRequest request = onlyRequest("PUT", "/api/v1/customers/42");
		assertThat(request.getHeader("Authorization")).isEqualTo(TestClients.trackAuthorization());
		assertThat(request.getHeader("Content-Type")).startsWith("application/json");
	}

	@Test
	void deleteSendsADeleteWithoutBody() {
		this.client.delete("a/b").block();

		LoggedRequest request = onlyRequest("DELETE", "/api/v1/customers/a%2Fb");
		assertNoBodyAndSpecHasNone(request, "DELETE", "/api/v1/customers/{identifier}");
	}

	@Test
	void trackPostsTheEventWithItsUlidId() throws Exception {
		Event event = Event.of("42", "purchased", Map.of("total", 10, "sku", "A-1")).at(AT);

		this.client.track(event).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/customers/42/events");
		assertBody(request, "{\"name\":\"purchased\",\"id\":\"" + event.id()
				+ "\",\"timestamp\":1700000000,\"data\":{\"total\":10,\"sku\":\"A-1\"}}");
		assertThat(Ulid.isValid(event.id())).isTrue();
		assertConformsToSpec(request, "POST", "/api/v1/customers/{identifier}/events");
	}

	@Test
	void trackLeavesOutEmptyDataAndAnUnsetTimestamp() throws Exception {
		Event event = Event.of("42", "signed_in", Map.of());

		this.client.track(event).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/customers/42/events");
		assertBody(request, "{\"name\":\"signed_in\",\"id\":\"" + event.id() + "\"}");
		assertConformsToSpec(request, "POST", "/api/v1/customers/{identifier}/events");
	}

	@Test
	void trackAnonymousPostsTheEventWithTheAnonymousId() throws Exception {
		AnonymousEvent event = AnonymousEvent.of("anon-1", "viewed_pricing", Map.of("plan", "pro"));

		this.client.trackAnonymous(event).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/events");
		assertBody(request, "{\"name\":\"viewed_pricing\",\"id\":\"" + event.id()
				+ "\",\"data\":{\"plan\":\"pro\"},\"anonymous_id\":\"anon-1\"}");
		assertConformsToSpec(request, "POST", "/api/v1/events");
	}

	@Test
	void trackAnonymousWithoutAnonymousIdSendsNone() throws Exception {
		AnonymousEvent event = AnonymousEvent.of(null, "invited", Map.of("recipient", "friend@x.com"));

		this.client.trackAnonymous(event).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/events");
		assertBody(request, "{\"name\":\"invited\",\"id\":\"" + event.id()
				+ "\",\"data\":{\"recipient\":\"friend@x.com\"}}");
		assertConformsToSpec(request, "POST", "/api/v1/events");
	}

	@Test
	void pagePostsAPageEventNamedByTheUrl() throws Exception {
		this.client.page("42", "https://example.com/pricing", Map.of("referrer", "google")).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/customers/42/events");
		String id = OpenApiSpec.parse(request.getBody()).get("id").asString();
		assertBody(request, "{\"name\":\"https://example.com/pricing\",\"id\":\"" + id
				+ "\",\"type\":\"page\",\"data\":{\"referrer\":\"google\"}}");
		assertConformsToSpec(request, "POST", "/api/v1/customers/{identifier}/events");
	}

	@Test
	void screenPostsAScreenEventThatMatchesTheSpecsScreenShapeButForAnonymousId() throws Exception {
		this.client.screen("42", "Settings", Map.of("tab", "billing")).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/customers/42/events");
		String id = OpenApiSpec.parse(request.getBody()).get("id").asString();
		assertBody(request,
				"{\"name\":\"Settings\",\"id\":\"" + id + "\",\"type\":\"screen\",\"data\":{\"tab\":\"billing\"}}");
		// The spec's "Mobile screen view" shape for a person's events requires anonymous_id, copied from the
		// anonymous events endpoint: a person addressed in the path needs none, so that is the only difference.
		assertThat(SPEC.violations(SPEC.at("/components/schemas/eventsRequest/oneOf/2"), request.getBodyAsString()))
			.containsExactly("$: required property 'anonymous_id' is missing");
	}

	@Test
	void addDevicePutsTheDevice() throws Exception {
		Device device = new Device("fcm-token-1", Platform.ANDROID, AT, Map.of("app_version", "1.2.0"));

		this.client.addDevice("42", device).block();

		LoggedRequest request = onlyRequest("PUT", "/api/v1/customers/42/devices");
		assertBody(request, "{\"device\":{\"id\":\"fcm-token-1\",\"platform\":\"android\",\"last_used\":1700000000,"
				+ "\"attributes\":{\"app_version\":\"1.2.0\"}}}");
		assertConformsToSpec(request, "PUT", "/api/v1/customers/{identifier}/devices");
	}

	@Test
	void deleteDeviceDeletesTheEncodedDeviceToken() {
		this.client.deleteDevice("42", "token/with+chars").block();

		LoggedRequest request = onlyRequest("DELETE", "/api/v1/customers/42/devices/token%2Fwith%2Bchars");
		assertNoBodyAndSpecHasNone(request, "DELETE", "/api/v1/customers/{identifier}/devices/{device_id}");
	}

	@Test
	void suppressPostsWithoutBody() {
		this.client.suppress("42").block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/customers/42/suppress");
		assertNoBodyAndSpecHasNone(request, "POST", "/api/v1/customers/{identifier}/suppress");
	}

	@Test
	void unsuppressPostsWithoutBody() {
		this.client.unsuppress("cio_abc").block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/customers/cio_abc/unsuppress");
		assertNoBodyAndSpecHasNone(request, "POST", "/api/v1/customers/{identifier}/unsuppress");
	}

	@Test
	void mergePostsThePrimaryAndSecondaryPerson() throws Exception {
		this.client.merge(PersonIdentifier.id("42"), PersonIdentifier.email("old@x.com")).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/merge_customers");
		assertBody(request, "{\"primary\":{\"id\":\"42\"},\"secondary\":{\"email\":\"old@x.com\"}}");
		assertConformsToSpec(request, "POST", "/api/v1/merge_customers");
	}

	@Test
	void addToSegmentPostsPlainIdsWithoutIdType() throws Exception {
		this.client.addToSegment(7, List.of("1", "2"), IdType.ID).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/segments/7/add_customers");
		assertBody(request, "{\"ids\":[\"1\",\"2\"]}");
		assertConformsToSpec(request, "POST", "/api/v1/segments/{segment_id}/add_customers");
	}

	@Test
	void addToSegmentNamesTheIdTypeOfEmails() throws Exception {
		this.client.addToSegment(7, List.of("a@x.com"), IdType.EMAIL).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/segments/7/add_customers?id_type=email");
		assertBody(request, "{\"ids\":[\"a@x.com\"]}");
		assertConformsToSpec(request, "POST", "/api/v1/segments/{segment_id}/add_customers");
		assertIdTypeConformsToSpec(request);
	}

	@Test
	void removeFromSegmentNamesTheIdTypeOfCioIds() throws Exception {
		this.client.removeFromSegment(7, List.of("cio_1", "cio_2"), IdType.CIO_ID).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/segments/7/remove_customers?id_type=cio_id");
		assertBody(request, "{\"ids\":[\"cio_1\",\"cio_2\"]}");
		assertConformsToSpec(request, "POST", "/api/v1/segments/{segment_id}/remove_customers");
		assertIdTypeConformsToSpec(request);
	}

	@Test
	void trackMetricPostsTheDeliveryMetric() throws Exception {
		DeliveryMetric metric = new DeliveryMetric("dlv_1", DeliveryMetric.Metric.CLICKED, AT, "a@x.com", null,
				"https://example.com/x");

		this.client.trackMetric(metric).block();

		LoggedRequest request = onlyRequest("POST", "/api/v1/metrics");
		assertBody(request, "{\"delivery_id\":\"dlv_1\",\"metric\":\"clicked\",\"timestamp\":1700000000,"
				+ "\"recipient\":\"a@x.com\",\"href\":\"https://example.com/x\"}");
		assertConformsToSpec(request, "POST", "/api/v1/metrics");
	}

	@Test
	void regionGetsTheAccountRegionAndReadsIt() {
		stubFor(get(urlEqualTo("/api/v1/accounts/region")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"url\":\"https://track-eu.customer.io\",\"region\":\"eu\",\"environment_id\":3,\"new\":1}")));

		RegionInfo region = this.client.region().block();

		assertThat(region).isEqualTo(new RegionInfo("https://track-eu.customer.io", "eu", 3L));
		LoggedRequest request = onlyRequest("GET", "/api/v1/accounts/region");
		assertNoBodyAndSpecHasNone(request, "GET", "/api/v1/accounts/region");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("v2Operations")
	void entityPostsOneV2Operation(String action, TrackOperation operation, String expectedJson) throws Exception {
		this.client.entity(operation).block();

		LoggedRequest request = onlyRequest("POST", "/api/v2/entity");
		assertBody(request, expectedJson.replace("ULID", String.valueOf(operation.id())));
		assertConformsToSpec(request, "POST", "/api/v2/entity");
	}

	static Stream<Arguments> v2Operations() {
		PersonIdentifier person = PersonIdentifier.id("42");
		String who = "\"type\":\"person\",\"identifiers\":{\"id\":\"42\"}";
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("email", "a@x.com");
		attributes.put("plan", "pro");
		return Stream.of(
				Arguments.of("identify", TrackOperation.identify(person, attributes).at(AT), "{" + who
						+ ",\"action\":\"identify\",\"timestamp\":1700000000,"
						+ "\"attributes\":{\"email\":\"a@x.com\",\"plan\":\"pro\"}}"),
				Arguments.of("identify by email", TrackOperation.identify(PersonIdentifier.email("a@x.com"),
						Map.of("plan", "pro")), "{\"type\":\"person\",\"identifiers\":{\"email\":\"a@x.com\"},"
								+ "\"action\":\"identify\",\"attributes\":{\"plan\":\"pro\"}}"),
				Arguments.of("delete", TrackOperation.delete(person), "{" + who + ",\"action\":\"delete\"}"),
				Arguments.of("event", TrackOperation.event(person, "purchased", Map.of("total", 10)),
						"{" + who + ",\"action\":\"event\",\"name\":\"purchased\",\"id\":\"ULID\","
								+ "\"attributes\":{\"total\":10}}"),
				Arguments.of("page", TrackOperation.page(person, "https://example.com/", Map.of()),
						"{" + who + ",\"action\":\"page\",\"name\":\"https://example.com/\",\"id\":\"ULID\"}"),
				Arguments.of("screen", TrackOperation.screen(PersonIdentifier.cioId("abc"), "Home", Map.of()),
						"{\"type\":\"person\",\"identifiers\":{\"cio_id\":\"abc\"},\"action\":\"screen\","
								+ "\"name\":\"Home\",\"id\":\"ULID\"}"),
				Arguments.of("add_device",
						TrackOperation.addDevice(person, new Device("tok", Platform.IOS, AT, Map.of("device_os", "17"))),
						"{" + who + ",\"action\":\"add_device\",\"device\":{\"token\":\"tok\",\"platform\":\"ios\","
								+ "\"last_used\":1700000000,\"attributes\":{\"device_os\":\"17\"}}}"),
				Arguments.of("delete_device", TrackOperation.deleteDevice(person, "tok"),
						"{" + who + ",\"action\":\"delete_device\",\"device\":{\"token\":\"tok\"}}"),
				Arguments.of("suppress", TrackOperation.suppress(person), "{" + who + ",\"action\":\"suppress\"}"),
				Arguments.of("unsuppress", TrackOperation.unsuppress(PersonIdentifier.phone("+15550100")),
						"{\"type\":\"person\",\"identifiers\":{\"phone\":\"+15550100\"},\"action\":\"unsuppress\"}"),
				Arguments.of("merge", TrackOperation.merge(person, PersonIdentifier.email("old@x.com")),
						"{\"type\":\"person\",\"action\":\"merge\",\"primary\":{\"id\":\"42\"},"
								+ "\"secondary\":{\"email\":\"old@x.com\"}}"));
	}

	@Test
	void batchPostsTheOperationsInOneBody() throws Exception {
		TrackOperation identify = TrackOperation.identify(PersonIdentifier.id("42"), Map.of("plan", "pro"));
		TrackOperation event = TrackOperation.event(PersonIdentifier.id("42"), "upgraded", Map.of("to", "pro"));

		BatchResult result = this.client.batch(List.of(identify, event)).block();

		assertThat(result.isAllAccepted()).isTrue();
		LoggedRequest request = onlyRequest("POST", "/api/v2/batch");
		assertBody(request, "{\"batch\":[{\"type\":\"person\",\"identifiers\":{\"id\":\"42\"},\"action\":\"identify\","
				+ "\"attributes\":{\"plan\":\"pro\"}},{\"type\":\"person\",\"identifiers\":{\"id\":\"42\"},"
				+ "\"action\":\"event\",\"name\":\"upgraded\",\"id\":\"" + event.id()
				+ "\",\"attributes\":{\"to\":\"pro\"}}]}");
		assertConformsToSpec(request, "POST", "/api/v2/batch");
	}

	private static LoggedRequest onlyRequest(String method, String url) {
		List<ServeEvent> served = getAllServeEvents();
		assertThat(served).as("requests received").hasSize(1);
		LoggedRequest request = served.get(0).getRequest();
		assertThat(request.getMethod().getName()).isEqualTo(method);
		assertThat(request.getUrl()).isEqualTo(url);
		assertThat(request.getHeader("Authorization")).isEqualTo(TestClients.trackAuthorization());
		return request;
	}

	private static void assertBody(LoggedRequest request, String expectedJson) throws Exception {
		JSONAssert.assertEquals(expectedJson, request.getBodyAsString(), JSONCompareMode.STRICT);
	}

	private static void assertConformsToSpec(LoggedRequest request, String method, String pathTemplate) {
		assertThat(SPEC.requestBodyViolations(method, pathTemplate, request.getBodyAsString()))
			.as("violations of the spec's %s %s request body", method, pathTemplate)
			.isEmpty();
	}

	private static void assertNoBodyAndSpecHasNone(LoggedRequest request, String method, String pathTemplate) {
		assertThat(request.getBody()).isEmpty();
		assertThat(SPEC.hasRequestBody(method, pathTemplate)).isFalse();
	}

	private static void assertIdTypeConformsToSpec(LoggedRequest request) {
		String idType = request.queryParameter("id_type").firstValue();
		assertThat(SPEC.violations(SPEC.at("/components/parameters/id_type_segment/schema"), "\"" + idType + "\""))
			.isEmpty();
	}

}
