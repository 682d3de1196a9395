package io.github.ciospring.customerio.test.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.test.junit.CustomerIoSandboxExtension;
import io.github.ciospring.customerio.test.sandbox.RecordedBatchItem.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What a test can ask the sandbox: each query sees what was accepted, only that, and nothing after a reset.
 */
class SandboxRecordingTests {

	private static final long MS = 1_000_000L;

	private static final AtomicLong clock = new AtomicLong(1_000_000 * MS);

	@RegisterExtension
	static final CustomerIoSandboxExtension customerIo = new CustomerIoSandboxExtension(
			SandboxConfig.builder().nanoClock(clock::get).build());

	private CustomerIoSandbox sandbox;

	private SandboxHttp http;

	@BeforeEach
	void connect(CustomerIoSandbox sandbox) {
		this.sandbox = sandbox;
		this.http = new SandboxHttp(sandbox);
	}

	@Test
	void peopleHaveTheAttributesOfEveryIdentifyMerged() {
		this.http.identify("1", "{\"email\":\"ada@example.com\",\"plan\":\"free\"}");
		this.http.identify("1", "{\"plan\":\"pro\"}");
		track("POST", "/api/v2/entity",
				"{\"type\":\"person\",\"action\":\"identify\",\"identifiers\":{\"id\":\"2\"},\"attributes\":{\"a\":1}}");
		pipelines("/v1/identify", "{\"userId\":\"3\",\"traits\":{\"b\":true}}");

		assertThat(this.sandbox.people()).extracting(RecordedPerson::id).containsExactly("1", "2", "3");
		assertThat(this.sandbox.person("1")).hasValueSatisfying((person) -> {
			assertThat(person.email()).isEqualTo("ada@example.com");
			assertThat(person.attribute("plan")).isEqualTo("pro");
		});
		assertThat(this.sandbox.person("ada@example.com")).map(RecordedPerson::id).hasValue("1");
		assertThat(this.sandbox.person("2")).map((person) -> person.attribute("a")).hasValue(1);
		assertThat(this.sandbox.person("4")).isEmpty();
	}

	@Test
	void eventsKeepNameDataIdAndTimestampPerPerson() {
		track("POST", "/api/v1/customers/1/events",
				"{\"name\":\"signed_up\",\"id\":\"01J0000000000000000000000A\",\"timestamp\":1700000000,\"data\":{\"plan\":\"pro\"}}");
		track("POST", "/api/v2/entity", "{\"type\":\"person\",\"action\":\"page\",\"identifiers\":{\"id\":\"2\"},"
				+ "\"name\":\"/home\",\"id\":\"01J0000000000000000000000B\",\"attributes\":{\"ref\":\"ad\"}}");
		track("POST", "/api/v1/events", "{\"name\":\"visited\",\"anonymous_id\":\"anon-1\"}");

		assertThat(this.sandbox.events("1")).containsExactly(new RecordedEvent("1", null, "event", "signed_up",
				Map.of("plan", "pro"), "01J0000000000000000000000A", Instant.ofEpochSecond(1700000000)));
		assertThat(this.sandbox.events("2")).extracting(RecordedEvent::type, RecordedEvent::name, RecordedEvent::data)
			.containsExactly(tuple("page", "/home", Map.of("ref", "ad")));
		assertThat(this.sandbox.events()).extracting(RecordedEvent::anonymousId).containsExactly(null, null, "anon-1");
		assertThat(this.sandbox.events("3")).isEmpty();
	}

	@Test
	void anEventTheSandboxRejectsIsNotRecorded() {
		assertThat(track("POST", "/api/v1/customers/1/events", "{\"data\":{}}")).isEqualTo(400);

		assertThat(this.sandbox.events()).isEmpty();
	}

	@Test
	void devicesAreThoseAddedAndNotDeleted() {
		track("PUT", "/api/v1/customers/1/devices", "{\"device\":{\"id\":\"tok-1\",\"platform\":\"ios\"}}");
		track("POST", "/api/v2/entity", "{\"type\":\"person\",\"action\":\"add_device\",\"identifiers\":{\"id\":\"1\"},"
				+ "\"device\":{\"token\":\"tok-2\",\"platform\":\"android\",\"attributes\":{\"app\":\"1.2\"}}}");
		track("DELETE", "/api/v1/customers/1/devices/tok-1", null);

		assertThat(this.sandbox.devices("1"))
			.containsExactly(new RecordedDevice("1", "tok-2", "android", Map.of("app", "1.2")));
		assertThat(this.sandbox.devices("2")).isEmpty();
	}

	@Test
	void suppressionsAreThoseNotLifted() {
		track("POST", "/api/v1/customers/1/suppress", null);
		track("POST", "/api/v2/entity", "{\"type\":\"person\",\"action\":\"suppress\",\"identifiers\":{\"id\":\"2\"}}");
		track("POST", "/api/v1/customers/1/unsuppress", null);

		assertThat(this.sandbox.suppressed()).containsExactly("2");
	}

	@Test
	void batchItemsCarryTheirOutcome() {
		int status = track("POST", "/api/v2/batch", "{\"batch\":["
				+ "{\"type\":\"person\",\"action\":\"identify\",\"identifiers\":{\"id\":\"1\"}},"
				+ "{\"type\":\"person\",\"identifiers\":{\"id\":\"2\"}}]}");
		track("POST", "/api/v2/batch",
				"{\"batch\":[{\"type\":\"person\",\"action\":\"event\",\"name\":\"e\",\"identifiers\":{\"id\":\"3\"}}]}");

		assertThat(status).isEqualTo(207);
		assertThat(this.sandbox.batchItems())
			.extracting(RecordedBatchItem::batch, RecordedBatchItem::index, RecordedBatchItem::action,
					RecordedBatchItem::outcome)
			.containsExactly(tuple(1L, 0, "identify", Outcome.ACCEPTED), tuple(1L, 1, null, Outcome.REJECTED),
					tuple(2L, 0, "event", Outcome.ACCEPTED));
		assertThat(this.sandbox.batchItems().get(1).reason()).isEqualTo("action is required");
		assertThat(this.sandbox.batchItems().get(1).identifiers()).containsEntry("id", "2");
		assertThat(this.sandbox.events("3")).hasSize(1);
		assertThat(this.sandbox.person("2")).isEmpty();
	}

	@Test
	void transactionalSendsAndBroadcastTriggersAreRecorded() {
		app("/v1/send/email", "{\"transactional_message_id\":\"welcome\",\"identifiers\":{\"id\":\"1\"},"
				+ "\"to\":\"ada@example.com\",\"message_data\":{\"name\":\"Ada\"}}");
		assertThat(app("/v1/send/sms", "{\"transactional_message_id\":\"1\"}")).isEqualTo(400);
		app("/v1/campaigns/7/triggers", "{\"data\":{\"sale\":true}}");

		assertThat(this.sandbox.transactionalSends()).singleElement().satisfies((send) -> {
			assertThat(send.channel()).isEqualTo("email");
			assertThat(send.transactionalMessageId()).isEqualTo("welcome");
			assertThat(send.identifiers()).containsEntry("id", "1");
			assertThat(send.to()).isEqualTo("ada@example.com");
			assertThat(send.messageData()).containsEntry("name", "Ada");
			assertThat(send.deliveryId()).startsWith("sbx-");
		});
		assertThat(this.sandbox.broadcastTriggers()).singleElement().satisfies((trigger) -> {
			assertThat(trigger.broadcastId()).isEqualTo(7);
			assertThat(trigger.body()).containsEntry("data", Map.of("sale", true));
			assertThat(trigger.triggerId()).isPositive();
		});
	}

	@Test
	void pipelinesMessagesAreRecordedOneByOne() {
		pipelines("/v1/track", "{\"userId\":\"1\",\"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\"},"
				+ "\"messageId\":\"m-1\"}");
		pipelines("/v1/batch", "{\"batch\":[{\"type\":\"identify\",\"userId\":\"2\",\"traits\":{\"a\":1}},"
				+ "{\"type\":\"page\",\"anonymousId\":\"x\",\"name\":\"Home\"},{\"type\":\"track\",\"userId\":\"3\"}]}");

		assertThat(this.sandbox.pipelinesMessages())
			.containsExactly(
					new RecordedPipelinesMessage("track", "1", null, "Signed Up", Map.of(), Map.of("plan", "pro"), "m-1"),
					new RecordedPipelinesMessage("identify", "2", null, null, Map.of("a", 1), Map.of(), null),
					new RecordedPipelinesMessage("page", null, "x", "Home", Map.of(), Map.of(), null));
	}

	@Test
	void requestCountsAndTheBusiestWindowArePerApi() {
		for (int i = 0; i < 3; i++) {
			this.http.identify("1", "{}");
			clock.addAndGet(400 * MS);
		}
		this.http.send("PUT", "/api/v1/customers/1", null, "{}");
		pipelines("/v1/identify", "{\"userId\":\"1\"}");

		assertThat(this.sandbox.requestCount(SandboxApi.TRACK)).isEqualTo(4);
		assertThat(this.sandbox.requestCount(SandboxApi.PIPELINES)).isEqualTo(1);
		assertThat(this.sandbox.requestCount(SandboxApi.APP)).isZero();
		assertThat(this.sandbox.maxRequestsInAnyWindow(SandboxApi.TRACK, Duration.ofSeconds(1))).isEqualTo(3);
		assertThat(this.sandbox.maxRequestsInAnyWindow(SandboxApi.TRACK, Duration.ofMillis(400))).isEqualTo(1);
		assertThat(this.sandbox.maxRequestsInAnyWindow(SandboxApi.TRACK, Duration.ofMillis(401))).isEqualTo(2);
	}

	@Test
	void resetForgetsEverything() {
		this.http.identify("1", "{}");
		track("POST", "/api/v1/customers/1/events", "{\"name\":\"e\"}");
		track("POST", "/api/v1/customers/1/suppress", null);
		app("/v1/campaigns/7/triggers", "{}");

		this.sandbox.reset();

		assertThat(this.sandbox.people()).isEmpty();
		assertThat(this.sandbox.events()).isEmpty();
		assertThat(this.sandbox.suppressed()).isEmpty();
		assertThat(this.sandbox.broadcastTriggers()).isEmpty();
		assertThat(this.sandbox.requestCount(SandboxApi.TRACK)).isZero();
		assertThat(app("/v1/campaigns/7/triggers", "{}")).as("the broadcast limit's window is cleared too")
			.isEqualTo(200);
	}

	@Test
	void recordsBeyondTheCapacityAreCountedNotKept() {
		try (CustomerIoSandbox small = CustomerIoSandbox.start(SandboxConfig.builder().maxRecordedOperations(1).build())) {
			SandboxHttp smallHttp = new SandboxHttp(small);
			for (String name : new String[] { "a", "b" }) {
				smallHttp.send("POST", "/api/v1/customers/1/events", smallHttp.trackAuth(), "{\"name\":\"" + name + "\"}");
			}
			assertThat(small.events()).extracting(RecordedEvent::name).containsExactly("a");
			assertThat(small.droppedRecords()).isEqualTo(1);
		}
		assertThat(this.sandbox.droppedRecords()).isZero();
	}

	private int track(String method, String path, String body) {
		return this.http.send(method, path, this.http.trackAuth(), body).statusCode();
	}

	private int app(String path, String body) {
		return this.http.send("POST", path, this.http.appAuth(), body).statusCode();
	}

	private int pipelines(String path, String body) {
		return this.http.send("POST", path, this.http.pipelinesAuth(), body).statusCode();
	}

}
