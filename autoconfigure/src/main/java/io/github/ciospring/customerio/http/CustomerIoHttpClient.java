package io.github.ciospring.customerio.http;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.SSLHandshakeException;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoException;
import io.github.ciospring.customerio.CustomerIoRateLimitTimeoutException;
import io.github.ciospring.customerio.CustomerIoTransportException;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ReleasePacer;
import io.github.ciospring.customerio.resilience.RetrySettings;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The one place that sends requests to Customer.io, for all three APIs: base URL and authentication, URI
 * templates, the rate limiter and retry of the call's API, error mapping, {@code Retry-After}, and meters. The
 * Track, App and Pipelines clients only describe their operations as {@link ApiRequest}s.
 * <p>
 * Every attempt takes its own permit from the API's limiter, then waits for its turn at the API's release pacer,
 * which spaces out again attempts whose timers a stall made fire together. The JSON body is sent as the same bytes
 * on every attempt, so an event's ULID {@code id} is the same on every retry.
 * <p>
 * With an {@link ObservationRegistry}, each call is one {@code customerio.calls} observation (see
 * {@link DefaultCustomerIoObservationConvention}), parent of the WebClient's {@code http.client.requests}
 * observation of each attempt.
 */
public final class CustomerIoHttpClient {

	private final WebClient webClient;

	private final Duration responseTimeout;

	private final JsonCodec codec;

	private final ErrorMessages errorMessages;

	private final RetryAfter retryAfter;

	private final CustomerIoMeters meters;

	private final ObservationRegistry observationRegistry;

	private final CustomerIoObservationConvention observationConvention;

	public CustomerIoHttpClient(WebClient webClient, Duration responseTimeout, JsonCodec codec,
			CustomerIoMeters meters, Clock clock) {
		this(webClient, responseTimeout, codec, meters, clock, ObservationRegistry.NOOP);
	}

	public CustomerIoHttpClient(WebClient webClient, Duration responseTimeout, JsonCodec codec,
			CustomerIoMeters meters, Clock clock, ObservationRegistry observationRegistry) {
		this(webClient, responseTimeout, codec, meters, clock, observationRegistry, null);
	}

	/**
	 * A client over a ready {@link WebClient} (base URL, authentication and connector already applied).
	 * @param webClient the WebClient
	 * @param responseTimeout how long one attempt may take from send to full response
	 * @param codec the JSON codec
	 * @param meters the meters
	 * @param clock the clock {@code Retry-After} dates are read against
	 * @param observationRegistry the registry each call is observed in
	 * @param observationConvention names and tags the {@code customerio.calls} observation; {@code null} for
	 * {@link DefaultCustomerIoObservationConvention}
	 */
	public CustomerIoHttpClient(WebClient webClient, Duration responseTimeout, JsonCodec codec,
			CustomerIoMeters meters, Clock clock, ObservationRegistry observationRegistry,
			CustomerIoObservationConvention observationConvention) {
		this.webClient = webClient;
		this.responseTimeout = responseTimeout;
		this.codec = codec;
		this.errorMessages = new ErrorMessages(codec);
		this.retryAfter = new RetryAfter(clock, RetrySettings.RETRY_AFTER_CEILING);
		this.meters = meters;
		this.observationRegistry = observationRegistry;
		this.observationConvention = (observationConvention != null) ? observationConvention
				: new DefaultCustomerIoObservationConvention();
	}

	/**
	 * A client whose {@link WebClient} is built from the given builder (cloned, so the caller's builder is left
	 * as it was, with its codecs, filters and observation registry), pointed at the settings' base URL with their
	 * authentication, headers and timeouts.
	 */
	public static CustomerIoHttpClient create(WebClient.Builder builder, ConnectionSettings settings,
			JsonCodec codec, CustomerIoMeters meters, Clock clock) {
		return create(builder, settings, codec, meters, clock, ObservationRegistry.NOOP);
	}

	/**
	 * As {@link #create(WebClient.Builder, ConnectionSettings, JsonCodec, CustomerIoMeters, Clock)}, observing each
	 * call in the given registry. Give the builder the same registry so the attempts are observed as its children.
	 * The connector is a Reactor Netty one with the settings' connect timeout and the proxy the JVM's standard
	 * properties name ({@link ReactorConnectors#create(ConnectionSettings)}); it replaces the builder's.
	 */
	public static CustomerIoHttpClient create(WebClient.Builder builder, ConnectionSettings settings,
			JsonCodec codec, CustomerIoMeters meters, Clock clock, ObservationRegistry observationRegistry) {
		return createWithBuilderConnector(builder.clone().clientConnector(ReactorConnectors.create(settings)),
				settings, codec, meters, clock, observationRegistry, null);
	}

	/**
	 * A client whose {@link WebClient} is built from the given builder (cloned) keeping the builder's connector as
	 * it is: give it one that applies the settings' connect timeout, proxy and TLS (Spring Boot's auto-configuration
	 * does so). Points it at the settings' base URL with their authentication and headers.
	 * @param builder the builder, with its connector
	 * @param settings where and how the API is reached
	 * @param codec the JSON codec
	 * @param meters the meters
	 * @param clock the clock {@code Retry-After} dates are read against
	 * @param observationRegistry the registry each call is observed in
	 * @param observationConvention the convention of the {@code customerio.calls} observation, or {@code null} for
	 * the default
	 * @return a new client
	 */
	public static CustomerIoHttpClient createWithBuilderConnector(WebClient.Builder builder,
			ConnectionSettings settings, JsonCodec codec, CustomerIoMeters meters, Clock clock,
			ObservationRegistry observationRegistry, CustomerIoObservationConvention observationConvention) {
		String authorization = (settings.authentication() != null) ? settings.authentication().headerValue() : null;
		WebClient webClient = builder.clone()
			.baseUrl(settings.baseUrl())
			.defaultHeaders((headers) -> settings.headers().forEach(headers::set))
			.filter((request, next) -> next.exchange((authorization != null) ? ClientRequest.from(request)
				.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, authorization))
				.build() : request))
			.build();
		return new CustomerIoHttpClient(webClient, settings.responseTimeout(), codec, meters, clock,
				observationRegistry, observationConvention);
	}

	public JsonCodec codec() {
		return this.codec;
	}

	/**
	 * Sends the request under the API's rate limiter and retry.
	 * @param resilience the limiter and retry of the API instance the call belongs to
	 * @param request the call
	 * @param <T> the response type
	 * @return the response body, empty for {@link Void} or an empty body; an error is a
	 * {@link CustomerIoException} carrying the attempt count
	 */
	public <T> Mono<T> exchange(ApiResilience resilience, ApiRequest<T> request) {
		return Mono.deferContextual((contextView) -> {
			AtomicInteger attempts = new AtomicInteger();
			ReleasePacer pacer = resilience.releasePacer();
			Mono<Long> permit = pacer.takePermit(resilience.rateLimiter());
			if (resilience.reservationBlocks()) {
				// the permit is reserved on subscription: never block the caller's (maybe an I/O event loop) thread
				permit = permit.subscribeOn(Schedulers.boundedElastic());
			}
			Mono<Long> freshPermit = permit;
			Mono<T> attempt = permit.flatMap((slot) -> {
				if (attempts.incrementAndGet() > 1) {
					this.meters.recordRetry(resilience.api(), request.operation());
				}
				// the limiter spaced the permits; the pacer spaces the writes, which a stall or a connection that
				// was still opening can bunch, and gives up a slot missed by then: it is waited for once the
				// connection is there (see sendOnce)
				Mono<T> send = sendOnce(resilience.api(), request, pacer.awaitRelease(slot, freshPermit));
				// a 429 pauses every caller of the API before this attempt is retried (adaptive throttle)
				return send.doOnSuccess((ignored) -> resilience.attemptSucceeded())
					.doOnError(CustomerIoApiException.class, resilience::attemptFailed);
			});
			Mono<T> call = attempt.transformDeferred(RetryOperator.of(resilience.retry()))
				.onErrorMap((failure) -> finalFailure(resilience, request, failure, Math.max(attempts.get(), 1)));
			return observed(call, resilience.api(), request.operation(), attempts, contextView);
		});
	}

	/**
	 * The call as one observation, current (in the Reactor context) for the WebClient's own observations; stopped
	 * before the caller sees the result.
	 */
	private <T> Mono<T> observed(Mono<T> call, String api, String operation, AtomicInteger attempts,
			ContextView contextView) {
		if (this.observationRegistry.isNoop()) {
			return call;
		}
		CustomerIoObservationContext context = new CustomerIoObservationContext(api, operation);
		Observation observation = Observation
			.createNotStarted(null, this.observationConvention, () -> context, this.observationRegistry)
			.parentObservation(contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
			.start();
		AtomicBoolean ended = new AtomicBoolean();
		Consumer<String> end = (outcome) -> {
			if (ended.compareAndSet(false, true)) {
				context.setOutcome(outcome);
				context.setAttempts(attempts.get());
				observation.stop();
			}
		};
		return call.doOnSuccess((value) -> end.accept("success"))
			.doOnError((failure) -> {
				observation.error(failure);
				end.accept(CustomerIoObservationContext.outcomeOf(failure));
			})
			.doOnCancel(() -> end.accept(CustomerIoObservationContext.CANCELLED))
			.contextWrite((writable) -> writable.put(ObservationThreadLocalAccessor.KEY, observation));
	}

	private <T> Mono<T> sendOnce(String api, ApiRequest<T> request, Mono<Void> release) {
		long start = System.nanoTime();
		int[] status = { 0 };
		AtomicBoolean recorded = new AtomicBoolean();
		WebClient.RequestBodySpec spec = this.webClient.method(request.method())
			.uri(request.uriTemplate(), request.uriVariables())
			.accept(MediaType.APPLICATION_JSON);
		if (request.body() != null) {
			spec.contentType(MediaType.APPLICATION_JSON);
		}
		spec.body(writtenWhenReleased(release, request.body()));
		return spec.exchangeToMono((response) -> {
			status[0] = response.statusCode().value();
			return readResponse(api, request, response);
		})
			.timeout(this.responseTimeout)
			.onErrorMap((failure) -> !(failure instanceof CustomerIoException),
					(failure) -> transportFailure(api, request, failure))
			.doOnSuccess((value) -> recordOnce(recorded, api, request, status[0], start))
			.doOnError((failure) -> recordOnce(recorded, api, request, status[0], start))
			.doOnCancel(() -> recordOnce(recorded, api, request, status[0], start));
	}

	/**
	 * Writes the request (headers and body) only once the release pacer lets it go. The connector calls the
	 * inserter once it holds a connection, so a request that waited for a connection to open is paced at the moment
	 * it is written, not before, and requests that waited together do not leave together.
	 */
	private static BodyInserter<Object, ClientHttpRequest> writtenWhenReleased(Mono<Void> release, byte[] body) {
		BodyInserter<?, ? super ClientHttpRequest> inserter = (body != null) ? BodyInserters.fromValue(body)
				: BodyInserters.empty();
		return (message, context) -> release.then(Mono.defer(() -> inserter.insert(message, context)));
	}

	/** Records the attempt before its result travels on, so whoever sees the result also sees it counted. */
	private void recordOnce(AtomicBoolean recorded, String api, ApiRequest<?> request, int status, long start) {
		if (recorded.compareAndSet(false, true)) {
			this.meters.recordAttempt(api, request.operation(), status, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private <T> Mono<T> readResponse(String api, ApiRequest<T> request, ClientResponse response) {
		int status = response.statusCode().value();
		if (response.statusCode().is2xxSuccessful()) {
			if (request.responseType() == Void.class) {
				return response.releaseBody().then(Mono.empty());
			}
			return response.bodyToMono(byte[].class).map((body) -> this.codec.read(body, request.responseType()));
		}
		Duration delay = this.retryAfter.parse(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER))
			.orElse(null);
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> Mono.error(new CustomerIoApiException(api, request.operation(), 1, status,
					this.errorMessages.read(body), delay)));
	}

	private CustomerIoException transportFailure(String api, ApiRequest<?> request, Throwable failure) {
		if (failure instanceof WebClientRequestException || failure instanceof TimeoutException) {
			// WebClientRequestException keeps the request's URI and headers (Authorization included): keep only its cause
			Throwable cause = (failure instanceof WebClientRequestException && failure.getCause() != null)
					? failure.getCause() : failure;
			return new CustomerIoTransportException(api, request.operation(), 1, mayHaveBeenSent(failure), cause);
		}
		return new CustomerIoException(api, request.operation(), 1,
				"Customer.io " + api + " " + request.operation() + " failed: " + failure.getClass().getSimpleName(),
				failure);
	}

	/**
	 * Whether the request may have been written before the failure: {@code false} only when the connection was
	 * never established (refused, unreachable, unresolved, TLS handshake failed).
	 */
	static boolean mayHaveBeenSent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException || cause instanceof UnresolvedAddressException
					|| cause instanceof SSLHandshakeException) {
				return false;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return true;
	}

	private Throwable finalFailure(ApiResilience resilience, ApiRequest<?> request, Throwable failure, int attempts) {
		if (failure instanceof CustomerIoException customerIo) {
			return customerIo.withAttempts(attempts);
		}
		if (failure instanceof RequestNotPermitted) {
			return new CustomerIoRateLimitTimeoutException(resilience.api(), request.operation(), attempts,
					resilience.maxWait(), failure);
		}
		return failure;
	}

}
