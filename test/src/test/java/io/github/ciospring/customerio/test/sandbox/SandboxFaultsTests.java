package io.github.ciospring.customerio.test.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.test.junit.CustomerIoSandboxExtension;
import io.github.ciospring.customerio.test.sandbox.RecordedBatchItem.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each fault takes effect when injected, only on its API, only as often as asked, and not after it is cleared.
 */
class SandboxFaultsTests {

	private static final long MS = 1_000_000L;

	private static final AtomicLong clock = new AtomicLong(1_000_000 * MS);

	@RegisterExtension
	static final CustomerIoSandboxExtension customerIo = new CustomerIoSandboxExtension(
			SandboxConfig.builder().nanoClock(clock::get).build());

	private CustomerIoSandbox sandbox;

	private SandboxFaults faults;

	private SandboxHttp http;

	@BeforeEach
	void connect(CustomerIoSandbox sandbox) {
		this.sandbox = sandbox;
		this.faults = sandbox.faults();
		this.http = new SandboxHttp(sandbox);
	}

	@Test
	void failNextFailsExactlyThatManyCallsOfThatApi() {
		this.faults.failNext(SandboxApi.TRACK, 2, 503);

		assertThat(pipelines().statusCode()).as("another API").isEqualTo(200);
		HttpResponse<String> first = identify();
		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(first.headers().firstValue("Retry-After")).isEmpty();
		assertThat(identify().statusCode()).isEqualTo(503);
		assertThat(identify().statusCode()).isEqualTo(200);
		assertThat(this.sandbox.people()).extracting(RecordedPerson::id).containsExactly("p", "1");
		assertThat(this.sandbox.stats(SandboxApi.TRACK).requests()).isEqualTo(3);
	}

	@Test
	void failNextCanSendARetryAfterInWholeSeconds() {
		this.faults.failNext(SandboxApi.APP, 1, 429, Duration.ofMillis(1500));

		HttpResponse<String> response = broadcast();

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(this.sandbox.stats(SandboxApi.APP).rateLimited()).isEqualTo(1);
		assertThat(this.sandbox.broadcastTriggers()).isEmpty();
		assertThat(broadcast().statusCode()).isEqualTo(200);
	}

	@Test
	void anInjectedRateLimitAnswers429WithRetryAfterUntilTheWindowMoves() {
		this.faults.rateLimit(SandboxApi.TRACK, SlidingWindow.of(2, Duration.ofSeconds(3)));

		assertThat(identify().statusCode()).isEqualTo(200);
		clock.addAndGet(1000 * MS);
		assertThat(identify().statusCode()).isEqualTo(200);
		HttpResponse<String> limited = identify();
		assertThat(pipelines().statusCode()).as("another API").isEqualTo(200);
		clock.addAndGet(2000 * MS);
		HttpResponse<String> afterWindow = identify();

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(limited.body()).contains("2 per PT3S");
		assertThat(afterWindow.statusCode()).isEqualTo(200);
	}

	@Test
	void latencyDelaysEveryAnswerOfThatApi() {
		this.faults.latency(SandboxApi.PIPELINES, Duration.ofMillis(300));

		long start = System.nanoTime();
		HttpResponse<String> response = pipelines();
		long elapsed = System.nanoTime() - start;

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void aConnectionResetAnswersNothing() {
		this.faults.resetConnections(SandboxApi.TRACK, 1);

		assertThatThrownBy(this::identify).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
		assertThat(identify().statusCode()).isEqualTo(200);
		assertThat(this.sandbox.stats(SandboxApi.TRACK).requests()).isEqualTo(2);
		assertThat(this.sandbox.people()).hasSize(1);
	}

	@Test
	void rejectedCredentialsAnswer401UntilCleared() {
		this.faults.rejectCredentials(SandboxApi.TRACK);

		assertThat(identify().statusCode()).isEqualTo(401);
		assertThat(identify().statusCode()).isEqualTo(401);
		assertThat(pipelines().statusCode()).as("another API").isEqualTo(200);
		this.faults.clear();
		assertThat(identify().statusCode()).isEqualTo(200);
		assertThat(this.sandbox.stats(SandboxApi.TRACK).unauthorized()).isEqualTo(2);
	}

	@Test
	void chosenBatchItemsAreRejectedWith207InTheNextBatchOnly() {
		this.faults.rejectBatchItems(1, 2);
		String batch = "{\"batch\":[" + item("a") + "," + item("b") + "," + item("c") + "]}";

		HttpResponse<String> first = this.http.send("POST", "/api/v2/batch", this.http.trackAuth(), batch);
		HttpResponse<String> second = this.http.send("POST", "/api/v2/batch", this.http.trackAuth(), batch);

		assertThat(first.statusCode()).isEqualTo(207);
		assertThat(first.body()).contains("\"batch_index\":1").contains("\"batch_index\":2")
			.doesNotContain("\"batch_index\":0");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(this.sandbox.batchItems()).extracting(RecordedBatchItem::outcome)
			.containsExactly(Outcome.ACCEPTED, Outcome.REJECTED, Outcome.REJECTED, Outcome.ACCEPTED,
					Outcome.ACCEPTED, Outcome.ACCEPTED);
		assertThat(this.sandbox.stats(SandboxApi.TRACK).rejectedItems()).isEqualTo(2);
	}

	@Test
	void aBatchRejectionCanCarryCustomerIosErrorFields() {
		this.faults.rejectBatchItems("invalid_attribute", "attributes.plan", "plan is not valid", 0);

		HttpResponse<String> response = this.http.send("POST", "/api/v2/batch", this.http.trackAuth(),
				"{\"batch\":[" + item("a") + "]}");

		assertThat(response.statusCode()).isEqualTo(207);
		assertThat(response.body()).isEqualTo("{\"errors\":[{\"batch_index\":0,\"reason\":\"invalid_attribute\","
				+ "\"field\":\"attributes.plan\",\"message\":\"plan is not valid\"}]}");
		assertThat(this.sandbox.batchItems()).singleElement()
			.extracting(RecordedBatchItem::reason)
			.isEqualTo("plan is not valid");
	}

	@Test
	void resetLiftsEveryFault() {
		this.faults.failNext(SandboxApi.TRACK, 5, 500)
			.rejectCredentials(SandboxApi.APP)
			.latency(SandboxApi.PIPELINES, Duration.ofSeconds(30))
			.resetConnections(SandboxApi.PIPELINES, 5)
			.rateLimit(SandboxApi.TRACK, SlidingWindow.perSecond(1))
			.rejectBatchItems(0);

		this.sandbox.reset();

		assertThat(identify().statusCode()).isEqualTo(200);
		assertThat(identify().statusCode()).isEqualTo(200);
		assertThat(broadcast().statusCode()).isEqualTo(200);
		assertThat(pipelines().statusCode()).isEqualTo(200);
		assertThat(this.http.send("POST", "/api/v2/batch", this.http.trackAuth(), "{\"batch\":[" + item("a") + "]}")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void badFaultsAreRefusedNamingTheArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.faults.failNext(SandboxApi.TRACK, 0, 500))
			.withMessage("times must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> this.faults.failNext(SandboxApi.TRACK, 1, 99))
			.withMessage("status must be 100..599, was 99");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.faults.failNext(SandboxApi.TRACK, 1, 429, Duration.ofSeconds(-1)))
			.withMessageStartingWith("retryAfter must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.faults.latency(SandboxApi.TRACK, Duration.ofMillis(-1)))
			.withMessageStartingWith("latency must be zero or positive");
		assertThatIllegalArgumentException().isThrownBy(() -> this.faults.resetConnections(SandboxApi.TRACK, 0))
			.withMessage("times must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> this.faults.rejectBatchItems(-1))
			.withMessage("batch indexes must not be negative, was -1");
	}

	private static String item(String id) {
		return "{\"type\":\"person\",\"action\":\"identify\",\"identifiers\":{\"id\":\"" + id + "\"}}";
	}

	private HttpResponse<String> identify() {
		return this.http.identify("1", "{}");
	}

	private HttpResponse<String> broadcast() {
		clock.addAndGet(10_000 * MS); // past the documented 1 per 10 s
		return this.http.send("POST", "/v1/campaigns/1/triggers", this.http.appAuth(), "{}");
	}

	private HttpResponse<String> pipelines() {
		return this.http.send("POST", "/v1/identify", this.http.pipelinesAuth(), "{\"userId\":\"p\"}");
	}

}
