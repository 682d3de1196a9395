package io.github.ciospring.customerio.autoconfigure.webhooks;

import io.github.ciospring.customerio.webhooks.MessageEvent;
import io.github.ciospring.customerio.webhooks.ReportingEvent;
import io.github.ciospring.customerio.webhooks.ReportingEventParser;
import io.github.ciospring.customerio.webhooks.CustomerEvent;
import io.github.ciospring.customerio.webhooks.Verification;
import io.github.ciospring.customerio.webhooks.WebhookVerifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;

/**
 * What both web endpoints do with a reporting webhook request: verify it, read it, publish the event to the
 * application's listeners (synchronously, on the calling thread), and count the outcome in
 * {@code customerio.webhooks.received{metric,outcome}}. Nothing is read or published from a request that fails
 * verification. Thread-safe.
 */
public class CustomerIoWebhookReceiver {

	/** The counter of received requests. */
	public static final String RECEIVED = "customerio.webhooks.received";

	private static final Log logger = LogFactory.getLog(CustomerIoWebhookReceiver.class);

	private final WebhookVerifier verifier;

	private final ReportingEventParser parser;

	private final ApplicationEventPublisher publisher;

	private final MeterRegistry meters;

	/**
	 * @param meters where to count requests, or {@code null} for nowhere
	 */
	public CustomerIoWebhookReceiver(WebhookVerifier verifier, ReportingEventParser parser,
			ApplicationEventPublisher publisher, MeterRegistry meters) {
		this.verifier = verifier;
		this.parser = parser;
		this.publisher = publisher;
		this.meters = meters;
	}

	/**
	 * Handles one request.
	 * @param timestamp the {@code X-CIO-Timestamp} header, {@code null} when absent
	 * @param signature the {@code X-CIO-Signature} header, {@code null} when absent
	 * @param body the raw body
	 * @return {@code 200} when the event was published and every listener returned, {@code 401} when the request
	 * failed verification, {@code 500} when a listener threw (so Customer.io retries)
	 */
	public HttpStatus receive(String timestamp, String signature, byte[] body) {
		Verification verification = this.verifier.verify(timestamp, signature, body);
		if (!verification.isValid()) {
			count("none", verification.outcome());
			return HttpStatus.UNAUTHORIZED;
		}
		ReportingEvent event = this.parser.parse(body);
		String metric = metricTag(event);
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener failed on Customer.io reporting webhook event " + event.eventId() + " ("
					+ metric + "); answering 500 so Customer.io retries it", ex);
			count(metric, "listener_failed");
			return HttpStatus.INTERNAL_SERVER_ERROR;
		}
		count(metric, "accepted");
		return HttpStatus.OK;
	}

	/** The event's name when it is a documented one, {@code unknown} otherwise: tags stay few. */
	private static String metricTag(ReportingEvent event) {
		return (event instanceof MessageEvent || event instanceof CustomerEvent) ? event.name() : "unknown";
	}

	private void count(String metric, String outcome) {
		if (this.meters != null) {
			Counter.builder(RECEIVED)
				.description("Customer.io reporting webhook requests received")
				.tag("metric", metric)
				.tag("outcome", outcome)
				.register(this.meters)
				.increment();
		}
	}

}
