package io.github.ciospring.customerio.test.sandbox;

import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * An embedded stand-in for Customer.io, built on WireMock: it serves the Track (v1, v2 {@code entity} and
 * {@code batch}), App (transactional sends, broadcast triggers, customer lookups, exports) and Data Pipelines
 * endpoints the starter uses on {@code 127.0.0.1}, checks credentials and Customer.io's documented payload limits,
 * and enforces per-workspace sliding-window rate limits, answering {@code 429} with {@code Retry-After} when one is
 * exceeded. It counts what it sees ({@link #stats()}) and keeps the requests' arrival times
 * ({@link #requestTimes(SandboxApi)}) so a caller can check the largest number of requests in any window and the
 * achieved rate. WireMock's own request journal is off unless asked for, so long load runs use bounded memory.
 * <p>
 * Plain Java, no Spring: {@code try (CustomerIoSandbox sandbox = CustomerIoSandbox.start(SandboxConfig.defaults()))}
 * and point the clients at {@link #baseUrl()} with the credentials of {@link #workspace()}. All three APIs share the
 * one base URL (their paths do not collide).
 */
public final class CustomerIoSandbox implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(CustomerIoSandbox.class.getName());

	private static final String LOOPBACK = "127.0.0.1";

	private final SandboxConfig config;

	private final WireMockServer server;

	private final SlidingWindowLimiter limiter;

	private final Map<SandboxApi, ApiRecorder> recorders = new EnumMap<>(SandboxApi.class);

	private final LongAdder unmatched = new LongAdder();

	private final PeopleStore people;

	private CustomerIoSandbox(SandboxConfig config) {
		this.config = config;
		for (SandboxApi api : SandboxApi.values()) {
			this.recorders.put(api, new ApiRecorder(api, config.maxRecordedTimestamps(), config.maxTrackedEventIds()));
		}
		this.limiter = new SlidingWindowLimiter(config.limits(), config.nanoClock());
		SandboxJson json = new SandboxJson();
		PeopleStore people = new PeopleStore(config.maxStoredPeople());
		this.people = people;
		SandboxTransformer transformer = new SandboxTransformer(new SandboxAuthenticator(config.workspaces()),
				this.limiter, this.recorders, this.unmatched, config.nanoClock(), json, new TrackHandler(json, people),
				new AppHandler(json, people), new PipelinesHandler(json, people, config.rejectOversizePipelines()),
				this::baseUrl);
		WireMockConfiguration options = WireMockConfiguration.options()
			.bindAddress(LOOPBACK)
			.port(config.port())
			.containerThreads(config.containerThreads())
			.notifier(new SandboxNotifier())
			.stubRequestLoggingDisabled(true)
			.extensions(transformer);
		if (config.requestJournalSize() == 0) {
			options.disableRequestJournal();
		}
		else {
			options.maxRequestJournalEntries(config.requestJournalSize());
		}
		this.server = new WireMockServer(options);
	}

	/** Starts a sandbox with the given configuration. */
	public static CustomerIoSandbox start(SandboxConfig config) {
		CustomerIoSandbox sandbox = new CustomerIoSandbox(config);
		sandbox.server.start();
		sandbox.registerEndpoints();
		logger.log(Level.INFO, () -> "Customer.io sandbox listening on " + sandbox.baseUrl() + " (limits per workspace: "
				+ config.limits() + ")");
		return sandbox;
	}

	/** Starts a sandbox with Customer.io's documented limits on a random port. */
	public static CustomerIoSandbox start() {
		return start(SandboxConfig.defaults());
	}

	private void registerEndpoints() {
		for (SandboxEndpoint endpoint : SandboxEndpoint.values()) {
			this.server.stubFor(WireMock.request(endpoint.method(), WireMock.urlPathMatching(endpoint.pathPattern().pattern()))
				.atPriority(5)
				.willReturn(WireMock.aResponse()
					.withTransformers(SandboxTransformer.NAME)
					.withTransformerParameter(SandboxTransformer.ENDPOINT_PARAMETER, endpoint.name())));
		}
		this.server.stubFor(WireMock.any(WireMock.anyUrl())
			.atPriority(100)
			.willReturn(WireMock.aResponse()
				.withTransformers(SandboxTransformer.NAME)
				.withTransformerParameter(SandboxTransformer.ENDPOINT_PARAMETER, SandboxTransformer.UNMATCHED)));
	}

	/** The base URL of all three APIs, for example {@code http://127.0.0.1:54321}. */
	public String baseUrl() {
		return "http://" + LOOPBACK + ":" + port();
	}

	public int port() {
		return this.server.port();
	}

	public SandboxConfig config() {
		return this.config;
	}

	/** The first configured workspace, whose credentials clients use by default. */
	public SandboxWorkspace workspace() {
		return this.config.workspace();
	}

	/** What the sandbox has seen so far, per API. Cheap: counters only. */
	public SandboxStats stats() {
		Map<SandboxApi, ApiStats> apis = new EnumMap<>(SandboxApi.class);
		this.recorders.forEach((api, recorder) -> apis.put(api, recorder.snapshot()));
		return new SandboxStats(apis, this.unmatched.sum());
	}

	/** One API's statistics. */
	public ApiStats stats(SandboxApi api) {
		return this.recorders.get(api).snapshot();
	}

	/**
	 * The arrival times of an API's requests (every request that reached one of its endpoints, 401, 400 and 429
	 * included), on the sandbox's clock: a copy, for window analysis.
	 */
	public RequestTimes requestTimes(SandboxApi api) {
		return this.recorders.get(api).times();
	}

	/**
	 * How many distinct people the default workspace remembers: identified through Track (v1 or v2) or Data
	 * Pipelines, at most {@code maxStoredPeople}. Not cleared by {@link #resetStats()}.
	 */
	public int storedPeople() {
		return this.people.size(workspace().name());
	}

	/** Clears the statistics and arrival times (not the rate limits' windows nor the stored people). */
	public void resetStats() {
		this.recorders.values().forEach(ApiRecorder::reset);
		this.unmatched.reset();
	}

	/**
	 * The underlying WireMock server, for tests that add their own stubs (a stub with a priority below 5 wins over
	 * the sandbox's) or, with a request journal configured, use WireMock's {@code verify}.
	 */
	public WireMockServer wireMock() {
		return this.server;
	}

	public boolean isRunning() {
		return this.server.isRunning();
	}

	/** Stops the server; the statistics stay readable. */
	public void stop() {
		if (this.server.isRunning()) {
			this.server.stop();
			logger.log(Level.INFO, "Customer.io sandbox stopped");
		}
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return "CustomerIoSandbox[" + (isRunning() ? baseUrl() : "stopped") + ", " + this.config.workspaces() + "]";
	}

}
