package io.github.ciospring.customerio.test.sandbox;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The WireMock extension that answers every sandbox endpoint. Its stubs only say which endpoint matched; this
 * checks the credentials (401), the workspace's sliding-window limit (429 with {@code Retry-After}), then lets the
 * API's handler check the payload and answer, and records what happened in the API's statistics. Runs on the
 * server's request threads, concurrently.
 */
final class SandboxTransformer implements ResponseDefinitionTransformerV2 {

	static final String NAME = "customerio-sandbox";

	static final String ENDPOINT_PARAMETER = "endpoint";

	static final String UNMATCHED = "UNMATCHED";

	private static final System.Logger logger = System.getLogger(CustomerIoSandbox.class.getName());

	private final SandboxAuthenticator authenticator;

	private final SlidingWindowLimiter limiter;

	private final Map<SandboxApi, ApiRecorder> recorders;

	private final LongAdder unmatched;

	private final LongSupplier nanoClock;

	private final SandboxJson json;

	private final TrackHandler track;

	private final AppHandler app;

	private final PipelinesHandler pipelines;

	private final Supplier<String> baseUrl;

	private final SandboxFaults faults;

	SandboxTransformer(SandboxAuthenticator authenticator, SlidingWindowLimiter limiter,
			Map<SandboxApi, ApiRecorder> recorders, LongAdder unmatched, LongSupplier nanoClock, SandboxJson json,
			TrackHandler track, AppHandler app, PipelinesHandler pipelines, Supplier<String> baseUrl,
			SandboxFaults faults) {
		this.authenticator = authenticator;
		this.limiter = limiter;
		this.recorders = recorders;
		this.unmatched = unmatched;
		this.nanoClock = nanoClock;
		this.json = json;
		this.track = track;
		this.app = app;
		this.pipelines = pipelines;
		this.baseUrl = baseUrl;
		this.faults = faults;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		String endpointName = serveEvent.getTransformerParameters().getString(ENDPOINT_PARAMETER);
		if (UNMATCHED.equals(endpointName)) {
			this.unmatched.increment();
			return respond(Reply.metaError(404,
					"The sandbox does not serve " + request.getMethod() + " " + pathOf(request.getUrl())), null);
		}
		SandboxEndpoint endpoint = SandboxEndpoint.valueOf(endpointName);
		SandboxApi api = endpoint.api();
		ApiRecorder recorder = this.recorders.get(api);
		delay(this.faults.latency(api));
		if (this.faults.takeReset(api)) {
			recorder.request(this.nanoClock.getAsLong(), 0);
			return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
		}
		Optional<SandboxWorkspace> workspace = this.faults.credentialsRejected(api) ? Optional.empty()
				: this.authenticator.authenticate(api, request.getHeader("Authorization"));
		if (workspace.isEmpty()) {
			recorder.request(this.nanoClock.getAsLong(), 401);
			return respond(Reply.metaError(401, unauthorizedMessage(api)), null);
		}
		Optional<SandboxFaults.Failure> failure = this.faults.takeFailure(api);
		if (failure.isPresent()) {
			recorder.request(this.nanoClock.getAsLong(), failure.get().status());
			return respond(Reply.metaError(failure.get().status(), "failed by the sandbox, as the test asked"),
					failure.get().retryAfterSeconds());
		}
		SlidingWindowLimiter.Decision injected = this.faults.tryAcquire(api);
		if (!injected.admitted()) {
			recorder.request(injected.arrivalNanos(), 429);
			return respond(Reply.metaError(429, "Too many requests: over the test's limit of "
					+ this.faults.rateLimit(api).map(SlidingWindow::toString).orElse("?") + " for " + api + " calls"),
					injected.retryAfterSeconds());
		}
		SlidingWindowLimiter.Decision decision = this.limiter.tryAcquire(workspace.get().name(), endpoint.group());
		if (!decision.admitted()) {
			recorder.request(decision.arrivalNanos(), 429);
			SlidingWindow limit = this.limiter.limitOf(endpoint.group()).orElseThrow();
			return respond(Reply.metaError(429, "Too many requests: over the limit of " + limit + " for "
					+ endpoint.group().name().toLowerCase(Locale.ROOT) + " calls of this workspace"),
					decision.retryAfterSeconds());
		}
		Reply reply = handle(endpoint, workspace.get(), request);
		recorder.request(decision.arrivalNanos(), reply.status());
		if (reply.status() >= 200 && reply.status() < 300) {
			recorder.items(reply.acceptedItems(), reply.rejectedItems(), reply.droppedItems(), reply.eventIds());
		}
		return respond(reply, null);
	}

	private Reply handle(SandboxEndpoint endpoint, SandboxWorkspace workspace, Request request) {
		SandboxRequest sandboxRequest = SandboxRequest.of(endpoint, request.getUrl(), request.getBody(),
				this.baseUrl.get());
		try {
			return switch (endpoint.api()) {
				case TRACK -> this.track.handle(endpoint, workspace, sandboxRequest,
						(endpoint == SandboxEndpoint.TRACK_BATCH) ? this.faults.takeBatchRejection()
								: SandboxFaults.BatchRejection.NONE);
				case APP -> this.app.handle(endpoint, workspace, sandboxRequest);
				case PIPELINES -> this.pipelines.handle(endpoint, workspace, sandboxRequest);
			};
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "Sandbox failed to answer " + endpoint, ex);
			return Reply.metaError(500, "sandbox error: " + ex.getClass().getSimpleName());
		}
	}

	private ResponseDefinition respond(Reply reply, Long retryAfterSeconds) {
		ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition()
			.withStatus(reply.status())
			.withHeader("Content-Type", "application/json")
			.withBody(this.json.write((reply.body() != null) ? reply.body() : Map.of()));
		if (retryAfterSeconds != null) {
			response.withHeader("Retry-After", Long.toString(retryAfterSeconds));
		}
		return response.build();
	}

	private static void delay(Duration latency) {
		if (latency.isZero()) {
			return;
		}
		try {
			Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String unauthorizedMessage(SandboxApi api) {
		return switch (api) {
			case TRACK -> "Unauthorized request: use Basic auth with the workspace's site id and Track API key";
			case APP -> "Unauthorized request: use a Bearer App API key";
			case PIPELINES -> "Unauthorized request: use Basic auth with the Data Pipelines API key and no password";
		};
	}

	private static String pathOf(String url) {
		int query = url.indexOf('?');
		return (query >= 0) ? url.substring(0, query) : url;
	}

}
