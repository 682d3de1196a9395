package io.github.ciospring.customerio.test.sandbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.ciospring.customerio.Ulid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerIoSandboxTests {

	private static final long MS = 1_000_000L;

	/** The sandbox's clock: moves only when a test moves it, so windows are exact. */
	private final AtomicLong clock = new AtomicLong(1_000_000 * MS);

	private CustomerIoSandbox sandbox;

	private SandboxHttp http;

	private void start(SandboxConfig.Builder config) {
		this.sandbox = CustomerIoSandbox.start(config.nanoClock(this.clock::get).build());
		this.http = new SandboxHttp(this.sandbox);
	}

	private void start() {
		start(SandboxConfig.builder());
	}

	@AfterEach
	void stop() {
		if (this.sandbox != null) {
			this.sandbox.stop();
		}
	}

	@Nested
	class Lifecycle {

		@Test
		void listensOnLoopbackAtARandomPort() {
			start();
			assertThat(CustomerIoSandboxTests.this.sandbox.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
			assertThat(CustomerIoSandboxTests.this.sandbox.port()).isPositive();
		}

		@Test
		void statisticsStayReadableAfterStop() {
			start();
			CustomerIoSandboxTests.this.http.identify("1", "{}");
			CustomerIoSandboxTests.this.sandbox.stop();
			assertThat(CustomerIoSandboxTests.this.sandbox.isRunning()).isFalse();
			assertThat(CustomerIoSandboxTests.this.sandbox.stats().track().requests()).isEqualTo(1);
		}

		@Test
		void wireMocksJournalIsOffByDefault() {
			start();
			assertThatThrownBy(() -> CustomerIoSandboxTests.this.sandbox.wireMock().getAllServeEvents())
				.hasMessageContaining("journal");
		}

		@Test
		void aConfiguredJournalLetsWireMockVerifyRequests() {
			start(SandboxConfig.builder().requestJournalSize(10));
			CustomerIoSandboxTests.this.http.identify("a%2Fb", "{\"plan\":\"pro\"}");
			CustomerIoSandboxTests.this.sandbox.wireMock()
				.verify(WireMock.putRequestedFor(WireMock.urlEqualTo("/api/v1/customers/a%2Fb")));
		}

	}

	@Nested
	class Authentication {

		@Test
		void trackAcceptsBasicSiteIdAndApiKey() {
			start();
			assertThat(CustomerIoSandboxTests.this.http.identify("1", "{}").statusCode()).isEqualTo(200);
		}

		@Test
		void trackWithoutCredentialsIs401() {
			start();
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.send("PUT", "/api/v1/customers/1", null,
					"{}");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).contains("\"meta\"").contains("Unauthorized");
		}

		@Test
		void trackWithAWrongApiKeyIs401() {
			start();
			String wrong = SandboxAuthenticator.basic(SandboxWorkspace.DEFAULT.siteId(), "not-the-key");
			assertThat(CustomerIoSandboxTests.this.http.send("PUT", "/api/v1/customers/1", wrong, "{}").statusCode())
				.isEqualTo(401);
		}

		@Test
		void appAcceptsItsBearerKey() {
			start();
			assertThat(CustomerIoSandboxTests.this.http
				.send("GET", "/v1/customers?email=a%40x.com", CustomerIoSandboxTests.this.http.appAuth(), null)
				.statusCode()).isEqualTo(200);
		}

		@Test
		void appWithTrackCredentialsIs401() {
			start();
			assertThat(CustomerIoSandboxTests.this.http
				.send("GET", "/v1/customers?email=a%40x.com", CustomerIoSandboxTests.this.http.trackAuth(), null)
				.statusCode()).isEqualTo(401);
		}

		@Test
		void pipelinesAcceptsBasicKeyWithEmptyPassword() {
			start();
			assertThat(CustomerIoSandboxTests.this.http
				.send("POST", "/v1/identify", CustomerIoSandboxTests.this.http.pipelinesAuth(), "{\"userId\":\"1\"}")
				.statusCode()).isEqualTo(200);
		}

		@Test
		void pipelinesWithAPasswordIs401() {
			start();
			String withPassword = SandboxAuthenticator.basic(SandboxWorkspace.DEFAULT.pipelinesApiKey(), "secret");
			assertThat(CustomerIoSandboxTests.this.http
				.send("POST", "/v1/identify", withPassword, "{\"userId\":\"1\"}")
				.statusCode()).isEqualTo(401);
		}

		@Test
		void everyConfiguredWorkspaceIsAccepted() {
			SandboxWorkspace other = new SandboxWorkspace("other", "site-2", "track-2", "app-2", "cdp-2");
			start(SandboxConfig.builder().workspaces(SandboxWorkspace.DEFAULT, other));
			assertThat(CustomerIoSandboxTests.this.http
				.send("PUT", "/api/v1/customers/1", SandboxHttp.trackAuth(other), "{}")
				.statusCode()).isEqualTo(200);
		}

		@Test
		void unauthorizedRequestsAreCounted() {
			start();
			CustomerIoSandboxTests.this.http.send("PUT", "/api/v1/customers/1", null, "{}");
			assertThat(CustomerIoSandboxTests.this.sandbox.stats().track().unauthorized()).isEqualTo(1);
		}

		@Test
		void workspaceToStringHidesKeys() {
			assertThat(SandboxWorkspace.DEFAULT.toString()).doesNotContain(SandboxWorkspace.DEFAULT.trackApiKey())
				.doesNotContain(SandboxWorkspace.DEFAULT.appApiKey())
				.doesNotContain(SandboxWorkspace.DEFAULT.pipelinesApiKey());
		}

	}

	@Nested
	class PayloadLimits {

		@Test
		void entityOver32KbIs400WithCustomerIoErrors() {
			start();
			String operation = "{\"type\":\"person\",\"action\":\"identify\",\"identifiers\":{\"id\":\"1\"},"
					+ "\"attributes\":{\"notes\":\"" + "x".repeat(33 * 1024) + "\"}}";
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.send("POST", "/api/v2/entity",
					CustomerIoSandboxTests.this.http.trackAuth(), operation);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("\"errors\"").contains("\"reason\"").contains("32768");
		}

		@Test
		void batchOf500KbIs400() {
			start();
			StringBuilder batch = new StringBuilder("{\"batch\":[");
			for (int i = 0; batch.length() < 500 * 1024; i++) {
				batch.append((i > 0) ? "," : "")
					.append("{\"type\":\"person\",\"action\":\"identify\",\"identifiers\":{\"id\":\"")
					.append(i)
					.append("\"},\"attributes\":{\"notes\":\"")
					.append("y".repeat(900))
					.append("\"}}");
			}
			batch.append("]}");
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.send("POST", "/api/v2/batch",
					CustomerIoSandboxTests.this.http.trackAuth(), batch.toString());
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("512000");
			assertThat(CustomerIoSandboxTests.this.sandbox.stats().track().invalid()).isEqualTo(1);
		}

		@Test
		void invalidBatchItemsGet207ByIndexAndTheOthersAreAccepted() {
			start();
			String batch = "{\"batch\":[" + identifyOperation("1") + ",{\"type\":\"person\",\"action\":\"event\","
					+ "\"identifiers\":{\"id\":\"2\"}}," + identifyOperation("3") + "]}";
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.send("POST", "/api/v2/batch",
					CustomerIoSandboxTests.this.http.trackAuth(), batch);
			assertThat(response.statusCode()).isEqualTo(207);
			assertThat(response.body()).contains("\"batch_index\":1").contains("\"field\":\"name\"");
			ApiStats stats = CustomerIoSandboxTests.this.sandbox.stats().track();
			assertThat(stats.acceptedItems()).isEqualTo(2);
			assertThat(stats.rejectedItems()).isEqualTo(1);
		}

		@Test
		void identifyWithAnAttributeValueOver1000BytesIs400() {
			start();
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.identify("1",
					"{\"bio\":\"" + "z".repeat(1001) + "\"}");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("\"meta\"").contains("bio").contains("1000");
		}

		@Test
		void identifierOver150BytesIs400() {
			start();
			assertThat(CustomerIoSandboxTests.this.http.identify("i".repeat(151), "{}").statusCode()).isEqualTo(400);
		}

		@Test
		void eventNameOver100BytesIs400() {
			start();
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.send("POST", "/api/v1/customers/1/events",
					CustomerIoSandboxTests.this.http.trackAuth(), "{\"name\":\"" + "n".repeat(101) + "\"}");
			assertThat(response.statusCode()).isEqualTo(400);
		}

		@Test
		void segmentChangeOf1001IdsIs400() {
			start();
			StringBuilder ids = new StringBuilder();
			for (int i = 0; i < 1001; i++) {
				ids.append((i > 0) ? "," : "").append('"').append(i).append('"');
			}
			assertThat(CustomerIoSandboxTests.this.http
				.send("POST", "/api/v1/segments/7/add_customers", CustomerIoSandboxTests.this.http.trackAuth(),
						"{\"ids\":[" + ids + "]}")
				.statusCode()).isEqualTo(400);
		}

		@Test
		void oversizePipelinesCallIsAnswered200AndDroppedAsCustomerIoDoes() {
			start();
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.send("POST", "/v1/track",
					CustomerIoSandboxTests.this.http.pipelinesAuth(),
					"{\"userId\":\"1\",\"event\":\"e\",\"properties\":{\"p\":\"" + "p".repeat(33 * 1024) + "\"}}");
			assertThat(response.statusCode()).isEqualTo(200);
			ApiStats stats = CustomerIoSandboxTests.this.sandbox.stats().pipelines();
			assertThat(stats.droppedItems()).isEqualTo(1);
			assertThat(stats.acceptedItems()).isZero();
		}

		@Test
		void oversizePipelinesCallIs400WhenConfiguredToReject() {
			start(SandboxConfig.builder().rejectOversizePipelines(true));
			assertThat(CustomerIoSandboxTests.this.http
				.send("POST", "/v1/track", CustomerIoSandboxTests.this.http.pipelinesAuth(),
						"{\"userId\":\"1\",\"event\":\"e\",\"properties\":{\"p\":\"" + "p".repeat(33 * 1024) + "\"}}")
				.statusCode()).isEqualTo(400);
		}

		@Test
		void transactionalSendWithoutIdentifiersIs400() {
			start();
			assertThat(CustomerIoSandboxTests.this.http
				.send("POST", "/v1/send/email", CustomerIoSandboxTests.this.http.appAuth(),
						"{\"transactional_message_id\":\"3\",\"to\":\"a@x.com\"}")
				.statusCode()).isEqualTo(400);
		}

	}

	@Nested
	class RateLimits {

		@Test
		void trackCallOverTheLimitIs429WithRetryAfter() {
			start();
			for (int i = 0; i < 100; i++) {
				assertThat(CustomerIoSandboxTests.this.http.identify(Integer.toString(i), "{}").statusCode())
					.isEqualTo(200);
			}
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.identify("100", "{}");
			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(response.body()).contains("Too many requests");
		}

		@Test
		void trackIsAcceptedAgainOnceTheWindowHasMovedOn() {
			start();
			for (int i = 0; i < 100; i++) {
				CustomerIoSandboxTests.this.http.identify(Integer.toString(i), "{}");
			}
			CustomerIoSandboxTests.this.clock.addAndGet(1_000 * MS);
			assertThat(CustomerIoSandboxTests.this.http.identify("100", "{}").statusCode()).isEqualTo(200);
		}

		@Test
		void aConfiguredLimitReplacesTheDefault() {
			start(SandboxConfig.builder().limit(LimitGroup.TRACK, SlidingWindow.perSecond(2)));
			CustomerIoSandboxTests.this.http.identify("1", "{}");
			CustomerIoSandboxTests.this.http.identify("2", "{}");
			assertThat(CustomerIoSandboxTests.this.http.identify("3", "{}").statusCode()).isEqualTo(429);
		}

		@Test
		void eachWorkspaceHasItsOwnLimit() {
			SandboxWorkspace other = new SandboxWorkspace("other", "site-2", "track-2", "app-2", "cdp-2");
			start(SandboxConfig.builder()
				.workspaces(SandboxWorkspace.DEFAULT, other)
				.limit(LimitGroup.TRACK, SlidingWindow.perSecond(1)));
			CustomerIoSandboxTests.this.http.identify("1", "{}");
			assertThat(CustomerIoSandboxTests.this.http
				.send("PUT", "/api/v1/customers/1", SandboxHttp.trackAuth(other), "{}")
				.statusCode()).isEqualTo(200);
		}

		@Test
		void secondBroadcastTriggerWithinTenSecondsIs429UntilTheWindowEnds() {
			start();
			String auth = CustomerIoSandboxTests.this.http.appAuth();
			assertThat(CustomerIoSandboxTests.this.http.send("POST", "/v1/campaigns/12/triggers", auth, "{}")
				.statusCode()).isEqualTo(200);
			CustomerIoSandboxTests.this.clock.addAndGet(3_000 * MS);
			HttpResponse<String> second = CustomerIoSandboxTests.this.http.send("POST", "/v1/campaigns/12/triggers",
					auth, "{}");
			assertThat(second.statusCode()).isEqualTo(429);
			assertThat(second.headers().firstValue("Retry-After")).hasValue("7");
		}

		@Test
		void appLookupsAreLimitedToTenPerSecond() {
			start();
			String auth = CustomerIoSandboxTests.this.http.appAuth();
			for (int i = 0; i < 10; i++) {
				CustomerIoSandboxTests.this.http.send("GET", "/v1/customers?email=a%40x.com", auth, null);
			}
			assertThat(CustomerIoSandboxTests.this.http.send("GET", "/v1/customers?email=a%40x.com", auth, null)
				.statusCode()).isEqualTo(429);
		}

		@Test
		void unauthorizedRequestsDoNotCountAgainstTheLimit() {
			start(SandboxConfig.builder().limit(LimitGroup.TRACK, SlidingWindow.perSecond(1)));
			CustomerIoSandboxTests.this.http.send("PUT", "/api/v1/customers/1", null, "{}");
			assertThat(CustomerIoSandboxTests.this.http.identify("1", "{}").statusCode()).isEqualTo(200);
		}

		@Test
		void rateLimitedRequestsAreCounted() {
			start(SandboxConfig.builder().limit(LimitGroup.TRACK, SlidingWindow.perSecond(1)));
			for (int i = 0; i < 4; i++) {
				CustomerIoSandboxTests.this.http.identify("1", "{}");
			}
			ApiStats stats = CustomerIoSandboxTests.this.sandbox.stats().track();
			assertThat(stats.rateLimited()).isEqualTo(3);
			assertThat(stats.accepted()).isEqualTo(1);
		}

	}

	@Nested
	class Statistics {

		@Test
		void countsAcceptedItemsOfBatches() {
			start();
			String batch = "{\"batch\":[" + identifyOperation("1") + "," + identifyOperation("2") + "]}";
			CustomerIoSandboxTests.this.http.send("POST", "/api/v2/batch", CustomerIoSandboxTests.this.http.trackAuth(),
					batch);
			ApiStats stats = CustomerIoSandboxTests.this.sandbox.stats().track();
			assertThat(stats.requests()).isEqualTo(1);
			assertThat(stats.acceptedItems()).isEqualTo(2);
		}

		@Test
		void countsEventIdsAndTheirRepeats() {
			start();
			String first = Ulid.next();
			String second = Ulid.next();
			String batch = "{\"batch\":[" + eventOperation(first) + "," + eventOperation(second) + "]}";
			String auth = CustomerIoSandboxTests.this.http.trackAuth();
			CustomerIoSandboxTests.this.http.send("POST", "/api/v2/batch", auth, batch);
			CustomerIoSandboxTests.this.http.send("POST", "/api/v1/customers/1/events", auth,
					"{\"name\":\"signed_up\",\"id\":\"" + first + "\"}");
			ApiStats stats = CustomerIoSandboxTests.this.sandbox.stats().track();
			assertThat(stats.eventIds()).isEqualTo(3);
			assertThat(stats.duplicateEventIds()).isEqualTo(1);
		}

		@Test
		void rejectedRequestsCarryNoEventIds() {
			start(SandboxConfig.builder().limit(LimitGroup.TRACK, SlidingWindow.perSecond(1)));
			String id = Ulid.next();
			String auth = CustomerIoSandboxTests.this.http.trackAuth();
			for (int i = 0; i < 2; i++) {
				CustomerIoSandboxTests.this.http.send("POST", "/api/v1/customers/1/events", auth,
						"{\"name\":\"signed_up\",\"id\":\"" + id + "\"}");
			}
			ApiStats stats = CustomerIoSandboxTests.this.sandbox.stats().track();
			assertThat(stats.eventIds()).isEqualTo(1);
			assertThat(stats.duplicateEventIds()).isZero();
		}

		@Test
		void countsPipelinesMessageIds() {
			start();
			String batch = "{\"batch\":[{\"type\":\"track\",\"userId\":\"1\",\"event\":\"e\",\"messageId\":\"m1\"},"
					+ "{\"type\":\"track\",\"userId\":\"1\",\"event\":\"e\",\"messageId\":\"m1\"}]}";
			CustomerIoSandboxTests.this.http.send("POST", "/v1/batch", CustomerIoSandboxTests.this.http.pipelinesAuth(),
					batch);
			ApiStats stats = CustomerIoSandboxTests.this.sandbox.stats().pipelines();
			assertThat(stats.acceptedItems()).isEqualTo(2);
			assertThat(stats.duplicateEventIds()).isEqualTo(1);
		}

		@Test
		void recordsEveryArrivalForWindowAnalysis() {
			start(SandboxConfig.builder().limit(LimitGroup.TRACK, SlidingWindow.perSecond(2)));
			for (int i = 0; i < 3; i++) {
				CustomerIoSandboxTests.this.http.identify("1", "{}");
				CustomerIoSandboxTests.this.clock.addAndGet(400 * MS);
			}
			RequestTimes times = CustomerIoSandboxTests.this.sandbox.requestTimes(SandboxApi.TRACK);
			assertThat(times.count()).isEqualTo(3);
			assertThat(times.maxInAnySecond()).isEqualTo(3);
			assertThat(times.span()).isEqualTo(Duration.ofMillis(800));
		}

		@Test
		void resetClearsCountersAndTimes() {
			start();
			CustomerIoSandboxTests.this.http.identify("1", "{}");
			CustomerIoSandboxTests.this.sandbox.resetStats();
			assertThat(CustomerIoSandboxTests.this.sandbox.stats().track().requests()).isZero();
			assertThat(CustomerIoSandboxTests.this.sandbox.requestTimes(SandboxApi.TRACK).count()).isZero();
		}

		@Test
		void aPathTheSandboxDoesNotServeIs404AndCountedAsUnmatched() {
			start();
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.send("GET", "/api/v9/nothing",
					CustomerIoSandboxTests.this.http.trackAuth(), null);
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(CustomerIoSandboxTests.this.sandbox.stats().unmatched()).isEqualTo(1);
		}

	}

	@Nested
	class Lookups {

		@Test
		void aPersonIdentifiedThroughTrackIsFoundByEmailThroughApp() {
			start();
			CustomerIoSandboxTests.this.http.identify("a%2Fb", "{\"email\":\"ab@x.com\",\"plan\":\"pro\"}");
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.send("GET",
					"/v1/customers?email=ab%40x.com", CustomerIoSandboxTests.this.http.appAuth(), null);
			assertThat(response.body()).contains("\"id\":\"a/b\"").contains("\"email\":\"ab@x.com\"");
		}

		@Test
		void aPersonsAttributesAreReadById() {
			start();
			CustomerIoSandboxTests.this.http.identify("42", "{\"plan\":\"pro\"}");
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.send("GET", "/v1/customers/42/attributes",
					CustomerIoSandboxTests.this.http.appAuth(), null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"plan\":\"pro\"");
		}

		@Test
		void storedPeopleCountsDistinctPeopleNotIdentifies() {
			start();
			CustomerIoSandboxTests.this.http.identify("1", "{\"plan\":\"free\"}");
			CustomerIoSandboxTests.this.http.identify("1", "{\"plan\":\"pro\"}");
			CustomerIoSandboxTests.this.http.identify("2", "{}");
			assertThat(CustomerIoSandboxTests.this.sandbox.storedPeople()).isEqualTo(2);
		}

		@Test
		void anUnknownPersonIs404() {
			start();
			assertThat(CustomerIoSandboxTests.this.http
				.send("GET", "/v1/customers/nobody/attributes", CustomerIoSandboxTests.this.http.appAuth(), null)
				.statusCode()).isEqualTo(404);
		}

		@Test
		void aDeletedPersonIsNoLongerFound() {
			start();
			CustomerIoSandboxTests.this.http.identify("42", "{}");
			CustomerIoSandboxTests.this.http.send("DELETE", "/api/v1/customers/42",
					CustomerIoSandboxTests.this.http.trackAuth(), null);
			assertThat(CustomerIoSandboxTests.this.http
				.send("GET", "/v1/customers/42/attributes", CustomerIoSandboxTests.this.http.appAuth(), null)
				.statusCode()).isEqualTo(404);
		}

		@Test
		void transactionalSendAnswersADeliveryId() {
			start();
			HttpResponse<String> response = CustomerIoSandboxTests.this.http.send("POST", "/v1/send/email",
					CustomerIoSandboxTests.this.http.appAuth(),
					"{\"transactional_message_id\":\"3\",\"identifiers\":{\"id\":\"42\"},\"to\":\"a@x.com\"}");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"delivery_id\"").contains("\"queued_at\"");
		}

	}

	private static String identifyOperation(String id) {
		return "{\"type\":\"person\",\"action\":\"identify\",\"identifiers\":{\"id\":\"" + id
				+ "\"},\"attributes\":{\"plan\":\"pro\"}}";
	}

	private static String eventOperation(String eventId) {
		return "{\"type\":\"person\",\"action\":\"event\",\"identifiers\":{\"id\":\"1\"},\"name\":\"signed_up\","
				+ "\"id\":\"" + eventId + "\"}";
	}

}
