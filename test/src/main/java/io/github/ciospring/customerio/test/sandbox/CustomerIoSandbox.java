package io.github.ciospring.customerio.test.sandbox;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * For tests it records what it accepted as typed records ({@link #people()}, {@link #events(String)},
 * {@link #devices(String)}, {@link #suppressed()}, {@link #batchItems()}, {@link #transactionalSends()},
 * {@link #broadcastTriggers()}, {@link #pipelinesMessages()}; at most {@code maxRecordedOperations} of each kind),
 * fails on purpose through {@link #faults()}, and {@link #reset() resets} between tests.
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

	private final Recordings recordings;

	private final SandboxFaults faults;

	private CustomerIoSandbox(SandboxConfig config) {
		this.config = config;
		for (SandboxApi api : SandboxApi.values()) {
			this.recorders.put(api, new ApiRecorder(api, config.maxRecordedTimestamps(), config.maxTrackedEventIds()));
		}
		this.limiter = new SlidingWindowLimiter(config.limits(), config.nanoClock());
		SandboxJson json = new SandboxJson();
		PeopleStore people = new PeopleStore(config.maxStoredPeople());
		this.people = people;
		Recordings recordings = new Recordings(config.maxRecordedOperations());
		this.recordings = recordings;
		this.faults = new SandboxFaults(config.nanoClock());
		SandboxTransformer transformer = new SandboxTransformer(new SandboxAuthenticator(config.workspaces()),
				this.limiter, this.recorders, this.unmatched, config.nanoClock(), json,
				new TrackHandler(json, people, recordings), new AppHandler(json, people, recordings),
				new PipelinesHandler(json, people, config.rejectOversizePipelines(), recordings), this::baseUrl,
				this.faults);
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
	 * Makes the sandbox as new, for the next test: clears the statistics and arrival times, the rate limits'
	 * windows, the stored people, the recorded operations and the injected faults. The port and the
	 * configuration stay.
	 */
	public void reset() {
		this.faults.clear();
		resetStats();
		this.limiter.reset();
		this.people.clear();
		this.recordings.clear();
	}

	/** The faults injected into this sandbox; see {@link SandboxFaults}. */
	public SandboxFaults faults() {
		return this.faults;
	}

	/** Every person the default workspace knows, in the order they were first identified. */
	public List<RecordedPerson> people() {
		return this.people.all(workspace().name()).stream().map(CustomerIoSandbox::recorded).toList();
	}

	/**
	 * The person with this identifier: {@code cio_<id>} addresses the sandbox's cio_id, an identifier with an
	 * {@code @} an email, anything else an id.
	 */
	public Optional<RecordedPerson> person(String identifier) {
		return this.people.find(workspace().name(), TrackHandler.kindOf(identifier), TrackHandler.valueOf(identifier))
			.map(CustomerIoSandbox::recorded);
	}

	private static RecordedPerson recorded(PeopleStore.Person person) {
		return new RecordedPerson(person.id(), person.email(), person.cioId(), person.attributes());
	}

	/** Every event the Track API accepted, in the order they arrived. */
	public List<RecordedEvent> events() {
		return this.recordings.events((event) -> true);
	}

	/** The events of one person, by the identifier they were sent with, in the order they arrived. */
	public List<RecordedEvent> events(String person) {
		return this.recordings.events((event) -> person.equals(event.person()));
	}

	/** A person's devices: added and not deleted since, in the order they were first added. */
	public List<RecordedDevice> devices(String person) {
		return this.recordings.devices(person);
	}

	/** The people suppressed and not unsuppressed since, by the identifier they were sent with. */
	public Set<String> suppressed() {
		return this.recordings.suppressed();
	}

	/** Every item of every Track v2 batch call, accepted or rejected, in the order they arrived. */
	public List<RecordedBatchItem> batchItems() {
		return this.recordings.batchItems();
	}

	/** Every transactional message the App API accepted, in the order they arrived. */
	public List<RecordedSend> transactionalSends() {
		return this.recordings.sends();
	}

	/** Every broadcast trigger the App API accepted, in the order they arrived. */
	public List<RecordedBroadcast> broadcastTriggers() {
		return this.recordings.broadcasts();
	}

	/** Every Data Pipelines call accepted, batched ones one by one, in the order they arrived. */
	public List<RecordedPipelinesMessage> pipelinesMessages() {
		return this.recordings.pipelinesMessages();
	}

	/**
	 * How many records of accepted operations were not kept because their kind had reached
	 * {@code maxRecordedOperations}; 0 means the queries above saw everything.
	 */
	public long droppedRecords() {
		return this.recordings.dropped();
	}

	/** How many requests reached one of the API's endpoints (accepted or not). */
	public long requestCount(SandboxApi api) {
		return stats(api).requests();
	}

	/** The largest number of the API's requests in any window {@code [t, t + window)}. */
	public int maxRequestsInAnyWindow(SandboxApi api, Duration window) {
		return requestTimes(api).maxInWindow(window);
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
