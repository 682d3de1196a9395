package io.github.ciospring.customerio.app;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoDeliveryUncertainException;
import io.github.ciospring.customerio.CustomerIoException;
import io.github.ciospring.customerio.CustomerIoRateLimitTimeoutException;
import io.github.ciospring.customerio.CustomerIoTransportException;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.IdType;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.http.ApiRequest;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.RetryOn;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * Customer.io's App API (bearer authentication): transactional messages, API-triggered broadcasts, customer
 * lookups and exports. Requests are checked against the documented limits before anything is sent; a request
 * that breaks one fails at once with a {@link CustomerIoValidationException} naming the field and the limit.
 * <p>
 * Three rate limiters and retries guard the calls:
 * <ul>
 * <li>{@code transactional}: transactional sends (default 80/s, the soft limit they share with the Track API)</li>
 * <li>{@code broadcasts}: broadcast triggers (default 1 per 10 s); a trigger waits for its turn, up to the
 * limiter's max-wait (default 60 s), instead of being answered with a 429</li>
 * <li>{@code app}: lookups and exports (default 10/s, burst 1)</li>
 * </ul>
 * <h2>Duplicate sends</h2>
 * Sends (transactional messages and broadcast triggers) carry no idempotency key: a repeated request can send the
 * message twice. So by default ({@link RetryOn#SURELY_UNDELIVERED}) a send is retried only when it surely did not
 * reach Customer.io: a 429, or a connection that failed before the request was written. A failure after the
 * request was written (a response timeout, a broken connection, a 5xx) may or may not have sent the message: it
 * is not retried, and the call fails with a {@link CustomerIoDeliveryUncertainException} carrying the failure as
 * its cause. Other errors mean the message was not sent: {@link CustomerIoApiException} (4xx),
 * {@link CustomerIoTransportException} with {@code isRequestSent() == false}, and
 * {@link CustomerIoRateLimitTimeoutException}. The policy is set per limiter instance, for example
 * {@code customerio.app.transactional.retry.retry-on=transient-failures} to retry 5xx and timeouts too, accepting
 * possible duplicates; a send that was retried under such a policy and still failed is reported as uncertain.
 * Lookups and exports are retried on every transient failure.
 */
public class AppClient {

	private static final String TRANSACTIONAL = "/v1/send/";

	private final CustomerIoHttpClient http;

	private final ApiResilience app;

	private final ApiResilience transactional;

	private final ApiResilience broadcasts;

	private final JsonCodec codec;

	private final boolean transactionalRepeatsWrittenRequests;

	private final boolean broadcastsRepeatWrittenRequests;

	/**
	 * @param http the HTTP client, pointed at the App API host with bearer authentication
	 * @param app the limiter and retry of lookups and exports
	 * @param transactional the limiter and retry of transactional sends
	 * @param broadcasts the limiter and retry of broadcast triggers
	 */
	public AppClient(CustomerIoHttpClient http, ApiResilience app, ApiResilience transactional,
			ApiResilience broadcasts) {
		this.http = http;
		this.app = app;
		this.transactional = transactional;
		this.broadcasts = broadcasts;
		this.codec = http.codec();
		this.transactionalRepeatsWrittenRequests = retriesWrittenRequests(transactional);
		this.broadcastsRepeatWrittenRequests = retriesWrittenRequests(broadcasts);
	}

	/** Sends a transactional email ({@code POST /v1/send/email}). */
	public Mono<TransactionalResponse> sendEmail(TransactionalEmail email) {
		return sendTransactional("send_email", "email", email);
	}

	/** Sends a transactional push notification ({@code POST /v1/send/push}). */
	public Mono<TransactionalResponse> sendPush(TransactionalPush push) {
		return sendTransactional("send_push", "push", push);
	}

	/** Sends a transactional SMS ({@code POST /v1/send/sms}). */
	public Mono<TransactionalResponse> sendSms(TransactionalSms sms) {
		return sendTransactional("send_sms", "sms", sms);
	}

	private Mono<TransactionalResponse> sendTransactional(String operation, String channel,
			TransactionalMessage message) {
		byte[] body = encode(message);
		return send(this.transactional, this.transactionalRepeatsWrittenRequests, new ApiRequest<>(operation, HttpMethod.POST, TRANSACTIONAL + channel, Map.of(),
				body, TransactionalResponse.class));
	}

	/**
	 * The request body, checked against the 1 MB payload limit (attachments excluded).
	 */
	private byte[] encode(TransactionalMessage message) {
		byte[] withoutAttachments = this.codec.write(message.json(false));
		if (withoutAttachments.length > AppLimits.MAX_PAYLOAD_BYTES) {
			throw new CustomerIoValidationException("payload",
					AppLimits.MAX_PAYLOAD_BYTES + " bytes (1 MB), attachments excluded",
					"is " + withoutAttachments.length + " bytes without attachments");
		}
		return message.hasAttachments() ? this.codec.write(message.json(true)) : withoutAttachments;
	}

	/**
	 * Triggers an API-triggered broadcast ({@code POST /v1/campaigns/{broadcast_id}/triggers}). Waits for the
	 * {@code broadcasts} limiter's turn (1 per 10 s by default) up to its max-wait.
	 */
	public Mono<BroadcastTriggerResponse> triggerBroadcast(BroadcastTrigger trigger) {
		byte[] body = this.codec.write(trigger.json());
		if (body.length > AppLimits.MAX_BROADCAST_PAYLOAD_BYTES) {
			throw new CustomerIoValidationException("payload",
					AppLimits.MAX_BROADCAST_PAYLOAD_BYTES + " bytes (25 MB) per broadcast trigger",
					"is " + body.length + " bytes; supply large per-user data with a data file URL");
		}
		return send(this.broadcasts, this.broadcastsRepeatWrittenRequests,
				new ApiRequest<>("trigger_broadcast", HttpMethod.POST, "/v1/campaigns/{broadcastId}/triggers",
						Map.of("broadcastId", trigger.broadcastId()), body, BroadcastTriggerResponse.class));
	}

	/** The people whose email address is this one ({@code GET /v1/customers?email=}); empty when none. */
	public Mono<List<CustomerIdentifiers>> customersByEmail(String email) {
		PayloadLimits.requireText("email", email);
		return get("customers_by_email", "/v1/customers?email={email}", Map.of("email", email),
				AppResponses.CustomerList.class)
			.map((list) -> (list.results() != null) ? list.results() : List.<CustomerIdentifiers>of())
			.defaultIfEmpty(List.of());
	}

	/** A person's attributes and devices, by id ({@code GET /v1/customers/{customer_id}/attributes}). */
	public Mono<CustomerAttributes> customerAttributes(String customerId) {
		return customerAttributes(customerId, null);
	}

	/**
	 * A person's attributes and devices ({@code GET /v1/customers/{customer_id}/attributes?id_type=}).
	 * @param customerId the person's identifier, of the given type
	 * @param idType what the identifier is; {@code null} for an id
	 */
	public Mono<CustomerAttributes> customerAttributes(String customerId, IdType idType) {
		PayloadLimits.requireText("customer_id", customerId);
		String template = "/v1/customers/{customerId}/attributes";
		Map<String, Object> variables = Map.of("customerId", customerId);
		if (idType != null) {
			template += "?id_type={idType}";
			variables = Map.of("customerId", customerId, "idType", idType.value());
		}
		return get("customer_attributes", template, variables, AppResponses.CustomerProfile.class)
			.mapNotNull(AppResponses.CustomerProfile::customer);
	}

	/** The workspace's exports ({@code GET /v1/exports}). */
	public Mono<List<Export>> listExports() {
		return get("list_exports", "/v1/exports", Map.of(), AppResponses.ExportList.class)
			.map((list) -> (list.exports() != null) ? list.exports() : List.<Export>of())
			.defaultIfEmpty(List.of());
	}

	/** One export's metadata ({@code GET /v1/exports/{export_id}}). */
	public Mono<Export> getExport(long exportId) {
		return get("get_export", "/v1/exports/{exportId}", Map.of("exportId", exportId),
				AppResponses.SingleExport.class)
			.mapNotNull(AppResponses.SingleExport::export);
	}

	/** A signed link to a finished export's file, valid 15 minutes ({@code GET /v1/exports/{export_id}/download}). */
	public Mono<ExportDownload> downloadExport(long exportId) {
		return get("download_export", "/v1/exports/{exportId}/download", Map.of("exportId", exportId),
				ExportDownload.class);
	}

	/** Starts an export of people ({@code POST /v1/exports/customers}); poll {@link #getExport(long)} until done. */
	public Mono<Export> exportCustomers(CustomersExport export) {
		return startExport("export_customers", "/v1/exports/customers", export.json());
	}

	/** Starts an export of deliveries ({@code POST /v1/exports/deliveries}); poll {@link #getExport(long)}. */
	public Mono<Export> exportDeliveries(DeliveriesExport export) {
		return startExport("export_deliveries", "/v1/exports/deliveries", export.json());
	}

	private Mono<Export> startExport(String operation, String path, Map<String, Object> body) {
		return this.http
			.exchange(this.app, new ApiRequest<>(operation, HttpMethod.POST, path, Map.of(), this.codec.write(body),
					AppResponses.SingleExport.class))
			.mapNotNull(AppResponses.SingleExport::export);
	}

	private <T> Mono<T> get(String operation, String template, Map<String, ?> variables, Class<T> type) {
		return this.http.exchange(this.app, new ApiRequest<>(operation, HttpMethod.GET, template, variables, null, type));
	}

	/**
	 * Sends a message under the instance's limiter and retry, reporting a failure after which the message may
	 * have gone out as a {@link CustomerIoDeliveryUncertainException}.
	 */
	private <T> Mono<T> send(ApiResilience resilience, boolean repeatsWrittenRequests, ApiRequest<T> request) {
		return this.http.exchange(resilience, request)
			.onErrorMap(CustomerIoException.class,
					(failure) -> mayHaveBeenDelivered(failure, repeatsWrittenRequests)
							? new CustomerIoDeliveryUncertainException(failure.getApi(), failure.getOperation(),
									failure.getAttempts(), failure)
							: failure);
	}

	/**
	 * Whether the retry policy repeats requests that may have been delivered (a 5xx, a timeout after the request
	 * was written): then an earlier attempt of a failed call may have sent the message.
	 */
	private static boolean retriesWrittenRequests(ApiResilience resilience) {
		Predicate<Throwable> retried = resilience.retry().getRetryConfig().getExceptionPredicate();
		String api = resilience.api();
		return retried.test(new CustomerIoApiException(api, "probe", 1, 500, List.of(), null))
				|| retried.test(new CustomerIoTransportException(api, "probe", 1, true, null));
	}

	/**
	 * Whether the message may have been sent although the call failed.
	 * @param failure the final failure
	 * @param repeatsWrittenRequests whether earlier attempts may have been repeated after being written
	 */
	static boolean mayHaveBeenDelivered(CustomerIoException failure, boolean repeatsWrittenRequests) {
		if (repeatsWrittenRequests && failure.getAttempts() > 1) {
			return true;
		}
		if (failure instanceof CustomerIoRateLimitTimeoutException) {
			return false;
		}
		if (failure instanceof CustomerIoApiException api) {
			return api.getStatusCode() == 408 || api.getStatusCode() >= 500;
		}
		if (failure instanceof CustomerIoTransportException transport) {
			return transport.isRequestSent();
		}
		// for example a 2xx whose body could not be read: the message was accepted
		return true;
	}

}
