package io.github.ciospring.customerio.pipelines;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.customerio.Platform;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each Pipelines call sends: method, path, authentication and body, each body checked against Customer.io's
 * Pipelines OpenAPI spec.
 */
@WireMockTest
class PipelinesClientRequestTests {

	private static final PipelinesSpec spec = PipelinesSpec.load();

	private static final Instant AT = Instant.parse("2026-11-22T10:15:30.120Z");

	private final TestClients clients = new TestClients();

	private PipelinesClient client;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wm) {
		stubFor(post(urlPathMatching("/v1/.*")).willReturn(okJson("{}")));
		this.client = new PipelinesClient(
				this.clients.http(wm.getHttpBaseUrl(), Authentication.basic(TestClients.API_KEY, "")),
				this.clients.resilience("pipelines", 1000, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES)));
	}

	@Test
	void identifySendsTraitsContextAndIntegrations() {
		this.client.identify(IdentifyMessage.builder()
			.messageId("m-1")
			.userId("42")
			.anonymousId("anon-7")
			.email("ada@example.com")
			.createdAt(Instant.parse("2026-01-02T03:04:05Z"))
			.trait("plan", "pro")
			.context("ip", "203.0.113.9")
			.integration("All", true)
			.timestamp(AT)
			.build()).block();
		assertSent("/identify", """
				{"type":"identify","messageId":"m-1","userId":"42","anonymousId":"anon-7",
				 "traits":{"email":"ada@example.com","createdAt":"2026-01-02T03:04:05.000Z","plan":"pro"},
				 "context":{"ip":"203.0.113.9"},"integrations":{"All":true},"timestamp":"2026-11-22T10:15:30.120Z"}""");
	}

	@Test
	void trackSendsEventAndProperties() {
		this.client.track(TrackMessage.builder("Order Completed")
			.messageId("m-2")
			.userId("42")
			.property("total", 19.5)
			.property("items", List.of("book"))
			.timestamp(AT)
			.build()).block();
		assertSent("/track", """
				{"type":"track","messageId":"m-2","userId":"42","event":"Order Completed",
				 "properties":{"total":19.5,"items":["book"]},"timestamp":"2026-11-22T10:15:30.120Z"}""");
	}

	@Test
	void anonymousTrackSendsOnlyTheAnonymousId() {
		this.client.track(TrackMessage.builder("Viewed Pricing").messageId("m-3").anonymousId("anon-7").timestamp(AT)
			.build()).block();
		assertSent("/track", """
				{"type":"track","messageId":"m-3","anonymousId":"anon-7","event":"Viewed Pricing",
				 "timestamp":"2026-11-22T10:15:30.120Z"}""");
	}

	@Test
	void pageSendsNameAndProperties() {
		this.client.page(PageMessage.builder("Pricing")
			.messageId("m-4")
			.userId("42")
			.url("https://example.com/pricing")
			.property("title", "Pricing")
			.timestamp(AT)
			.build()).block();
		assertSent("/page", """
				{"type":"page","messageId":"m-4","userId":"42","name":"Pricing",
				 "properties":{"url":"https://example.com/pricing","title":"Pricing"},
				 "timestamp":"2026-11-22T10:15:30.120Z"}""");
	}

	@Test
	void screenSendsNameAndProperties() {
		this.client.screen(ScreenMessage.builder("Feed")
			.messageId("m-5")
			.anonymousId("device-1")
			.property("tab", "latest")
			.context("app", Map.of("version", "3.1"))
			.timestamp(AT)
			.build()).block();
		assertSent("/screen", """
				{"type":"screen","messageId":"m-5","anonymousId":"device-1","name":"Feed",
				 "properties":{"tab":"latest"},"context":{"app":{"version":"3.1"}},
				 "timestamp":"2026-11-22T10:15:30.120Z"}""");
	}

	@Test
	void groupSendsGroupIdObjectTypeAndRelationship() {
		this.client.group(GroupMessage.builder("acme")
			.messageId("m-6")
			.userId("42")
			.objectTypeId("2")
			.trait("name", "Acme Inc.")
			.relationshipAttributes(Map.of("role", "admin"))
			.timestamp(AT)
			.build()).block();
		assertSent("/group", """
				{"type":"group","messageId":"m-6","userId":"42","groupId":"acme",
				 "traits":{"object_type_id":"2","name":"Acme Inc.","relationshipAttributes":{"role":"admin"}},
				 "timestamp":"2026-11-22T10:15:30.120Z"}""");
	}

	@Test
	void aliasSendsPreviousIdAndUserId() {
		this.client.alias(AliasMessage.builder("anon-7").userId("42").messageId("m-7").timestamp(AT).build()).block();
		assertSent("/alias", """
				{"type":"alias","messageId":"m-7","userId":"42","previousId":"anon-7",
				 "timestamp":"2026-11-22T10:15:30.120Z"}""");
	}

	@Test
	void addDeviceSendsDeviceCreatedOrUpdatedWithTokenInContextAndAttributesAsProperties() {
		this.client.addDevice("42", "tok-1", Platform.IOS, Map.of("app_version", "3.1")).block();
		assertSent("/track", """
				{"type":"track","messageId":"${json-unit.any-string}","userId":"42",
				 "event":"Device Created or Updated","properties":{"app_version":"3.1"},
				 "context":{"device":{"token":"tok-1","type":"ios"}},"timestamp":"${json-unit.any-string}"}""");
	}

	@Test
	void deleteDeviceSendsDeviceDeletedWithTokenInContext() {
		this.client.deleteDevice("42", "tok-1", Platform.ANDROID).block();
		assertSent("/track", """
				{"type":"track","messageId":"${json-unit.any-string}","userId":"42","event":"Device Deleted",
				 "context":{"device":{"token":"tok-1","type":"android"}},"timestamp":"${json-unit.any-string}"}""");
	}

	@Test
	void deleteSendsUserDeleted() {
		this.client.delete("42").block();
		assertSent("/track", """
				{"type":"track","messageId":"${json-unit.any-string}","userId":"42","event":"User Deleted",
				 "timestamp":"${json-unit.any-string}"}""");
	}

	@Test
	void suppressSendsUserSuppressed() {
		this.client.suppress("42").block();
		assertSent("/track", """
				{"type":"track","messageId":"${json-unit.any-string}","userId":"42","event":"User Suppressed",
				 "timestamp":"${json-unit.any-string}"}""");
	}

	@Test
	void unsuppressSendsUserUnsuppressed() {
		this.client.unsuppress("42").block();
		assertSent("/track", """
				{"type":"track","messageId":"${json-unit.any-string}","userId":"42","event":"User Unsuppressed",
				 "timestamp":"${json-unit.any-string}"}""");
	}

	@Test
	void batchSendsEveryMessageInOrder() {
		this.client.batch(List.of(
				IdentifyMessage.builder().messageId("b-1").userId("42").email("ada@example.com").timestamp(AT).build(),
				TrackMessage.builder("Order Completed").messageId("b-2").userId("42").timestamp(AT).build(),
				PageMessage.builder("Home").messageId("b-3").anonymousId("anon-7").timestamp(AT).build(),
				ScreenMessage.builder("Feed").messageId("b-4").userId("42").timestamp(AT).build(),
				GroupMessage.builder("acme").messageId("b-5").userId("42").timestamp(AT).build(),
				TrackMessage.userSuppressed("43")))
			.block();
		assertSent("/batch", """
				{"batch":[
				 {"type":"identify","messageId":"b-1","userId":"42","traits":{"email":"ada@example.com"},
				  "timestamp":"2026-11-22T10:15:30.120Z"},
				 {"type":"track","messageId":"b-2","userId":"42","event":"Order Completed",
				  "timestamp":"2026-11-22T10:15:30.120Z"},
				 {"type":"page","messageId":"b-3","anonymousId":"anon-7","name":"Home",
				  "timestamp":"2026-11-22T10:15:30.120Z"},
				 {"type":"screen","messageId":"b-4","userId":"42","name":"Feed","timestamp":"2026-11-22T10:15:30.120Z"},
				 {"type":"group","messageId":"b-5","userId":"42","groupId":"acme","timestamp":"2026-11-22T10:15:30.120Z"},
				 {"type":"track","messageId":"${json-unit.any-string}","userId":"43","event":"User Suppressed",
				  "timestamp":"${json-unit.any-string}"}]}""");
	}

	@Test
	void highVolumePathSendsSplitBatchesEachUnderTheLimitAndInTheSpecShape() {
		String padding = "x".repeat(20_000);
		List<byte[]> encoded = java.util.stream.IntStream.range(0, 60)
			.mapToObj((i) -> this.client.encode(TrackMessage.builder("Imported").userId("u" + i)
				.property("blob", padding).build()))
			.toList();
		List<List<byte[]>> batches = PipelinesBatches.split(encoded);
		Flux.fromIterable(batches).concatMap(this.client::sendBatch).then().block();
		List<LoggedRequest> sent = findAll(postRequestedFor(urlEqualTo("/v1/batch")));
		assertThat(sent).hasSize(batches.size()).hasSizeGreaterThan(1);
		assertThat(sent).allSatisfy((request) -> {
			assertThat(request.getBody().length).isLessThanOrEqualTo(PipelinesLimits.MAX_BATCH_BYTES);
			assertThat(spec.violations("/batch", request.getBodyAsString())).isEmpty();
		});
		assertThat(sent.stream().mapToInt((request) -> countItems(request)).sum()).isEqualTo(60);
	}

	@Test
	void everyCallAuthenticatesWithTheApiKeyAsUserAndAnEmptyPassword() {
		this.client.track(TrackMessage.builder("Signed In").userId("42").build()).block();
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((TestClients.API_KEY + ":").getBytes(StandardCharsets.UTF_8));
		verify(postRequestedFor(urlEqualTo("/v1/track")).withHeader("Authorization", equalTo(expected))
			.withBasicAuth(new BasicCredentials(TestClients.API_KEY, "")));
	}

	@Test
	void bodyIsSentAsJson() {
		this.client.track(TrackMessage.builder("Signed In").userId("42").build()).block();
		verify(postRequestedFor(urlEqualTo("/v1/track")).withHeader("Content-Type",
				containing("application/json")));
	}

	@Test
	void strictModeHeaderIsSentWhenTheConnectionAsksForIt(WireMockRuntimeInfo wm) {
		CustomerIoHttpClient http = CustomerIoHttpClient.create(WebClient.builder(),
				new ConnectionSettings(wm.getHttpBaseUrl(), Authentication.basic(TestClients.API_KEY, ""),
						Duration.ofSeconds(2), Duration.ofSeconds(5), PipelinesClient.STRICT_MODE_HEADERS),
				new JsonCodec(), CustomerIoMeters.none(), Clock.systemUTC());
		PipelinesClient strict = new PipelinesClient(http,
				this.clients.resilience("pipelines-strict", 1000, TestClients.quickRetries(1, RetryOn.NEVER)));
		strict.identify(IdentifyMessage.builder().userId("42").build()).block();
		verify(postRequestedFor(urlEqualTo("/v1/identify")).withHeader("X-Strict-Mode", equalTo("1")));
	}

	private static int countItems(LoggedRequest request) {
		return tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(request.getBodyAsString())
			.path("batch")
			.size();
	}

	private static void assertSent(String endpoint, String expectedJson) {
		List<LoggedRequest> requests = findAll(postRequestedFor(urlEqualTo("/v1" + endpoint)));
		assertThat(requests).hasSize(1);
		String body = requests.get(0).getBodyAsString();
		assertThat(equalToJson(expectedJson).match(body).isExactMatch()).as("body %s", body).isTrue();
		assertThat(spec.violations(endpoint, body)).as("spec violations of %s", body).isEmpty();
	}

}
