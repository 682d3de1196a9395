package io.github.ciospring.sample.reporting;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.github.ciospring.customerio.webhooks.EmailEvent;
import io.github.ciospring.customerio.webhooks.Metric;
import io.github.ciospring.customerio.webhooks.ReportingEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Receives Customer.io reporting webhook events, verified by the starter's endpoint (on when
 * {@code customerio.webhooks.signing-key} is set): counts every event by name, and reacts to email bounces. Keep
 * listeners this quick: Customer.io waits 4 s, and a listener that throws makes the endpoint answer 500, which
 * holds back every later event until the retry succeeds.
 */
@Component
class ReportingEventsListener {

	private static final Log logger = LogFactory.getLog(ReportingEventsListener.class);

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	@EventListener
	void count(ReportingEvent event) {
		this.counts.computeIfAbsent(event.name(), (name) -> new LongAdder()).increment();
	}

	@EventListener
	void bounced(EmailEvent event) {
		if (event.metric() == Metric.BOUNCED) {
			logger.info("Email " + event.data().deliveryId() + " bounced: " + event.data().failureMessage());
		}
	}

	/** How many events of each name were received since start. */
	Map<String, Long> counts() {
		Map<String, Long> snapshot = new TreeMap<>();
		this.counts.forEach((name, count) -> snapshot.put(name, count.sum()));
		return snapshot;
	}

}
