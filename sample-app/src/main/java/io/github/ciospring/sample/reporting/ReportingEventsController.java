package io.github.ciospring.sample.reporting;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /reporting-events}: how many reporting webhook events of each name ({@code email_opened}...) the app
 * received since it started.
 */
@RestController
class ReportingEventsController {

	private final ReportingEventsListener listener;

	ReportingEventsController(ReportingEventsListener listener) {
		this.listener = listener;
	}

	@GetMapping("/reporting-events")
	Map<String, Long> counts() {
		return this.listener.counts();
	}

}
