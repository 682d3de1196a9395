package io.github.ciospring.sample.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.SandboxWorkspace;
import io.github.ciospring.sample.SampleAppTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator as the sample app exposes it: health, metrics, prometheus and customerio, nothing else, and never a key.
 */
@SampleAppTest
class ActuatorTests {

	@Autowired
	private WebTestClient http;

	@Autowired
	private CustomerIoSandbox sandbox;

	@Test
	void exactlyHealthMetricsPrometheusAndCustomerioAreExposed() {
		Map<String, Object> links = map(getJson("/actuator"), "_links");

		assertThat(links.keySet()).contains("health", "metrics", "prometheus", "customerio")
			.doesNotContain("env", "configprops", "beans", "heapdump", "threaddump");
		this.http.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
	}

	@Test
	void healthIsUpWithTheCustomerioContributor() {
		this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.customerio.status")
			.isEqualTo("UP");
	}

	@Test
	void theCustomerioEndpointShowsTheSandboxAsEveryApisHost() {
		Map<String, Object> body = getJson("/actuator/customerio");

		assertThat(map(body, "hosts")).containsEntry("track", this.sandbox.baseUrl())
			.containsEntry("app", this.sandbox.baseUrl())
			.containsEntry("pipelines", this.sandbox.baseUrl());
		assertThat(map(body, "apis")).containsKeys("track", "app", "pipelines");
		assertThat(map(body, "deliveryQueues")).isNotEmpty();
	}

	@Test
	void theRequestsMeterMovesWithTraffic() {
		double before = count("customerio.requests", "api:track", "operation:identify");

		signUp("actuator-1");

		assertThat(count("customerio.requests", "api:track", "operation:identify")).isEqualTo(before + 1);
	}

	@Test
	void prometheusScrapesTheStartersMeters() {
		signUp("actuator-2");

		assertThat(getText("/actuator/prometheus")).contains("customerio_requests_seconds_count{api=\"track\"")
			.contains("customerio_delivery_queue_size")
			.containsPattern("resilience4j_ratelimiter_available_permissions\\{[^}]*name=\"customerio-track\"");
	}

	@Test
	void noExposedEndpointShowsAKey() {
		signUp("actuator-3");
		SandboxWorkspace workspace = this.sandbox.workspace();
		List<String> secrets = List.of(workspace.trackApiKey(), workspace.appApiKey(), workspace.pipelinesApiKey(),
				base64(workspace.siteId() + ":" + workspace.trackApiKey()), base64(workspace.pipelinesApiKey() + ":"));
		List<String> checked = new ArrayList<>();

		for (String path : endpointPaths()) {
			String body = getText(path);
			for (String secret : secrets) {
				assertThat(body).as(path).doesNotContain(secret);
			}
			checked.add(path);
		}

		assertThat(checked).contains("/actuator/health", "/actuator/customerio", "/actuator/metrics",
				"/actuator/prometheus");
	}

	private List<String> endpointPaths() {
		List<String> paths = new ArrayList<>();
		map(getJson("/actuator"), "_links").forEach((name, link) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> attributes = (Map<String, Object>) link;
			if (!Boolean.TRUE.equals(attributes.get("templated"))) {
				String href = (String) attributes.get("href");
				paths.add(href.substring(href.indexOf("/actuator")));
			}
		});
		paths.add("/actuator/health/customerio");
		paths.add("/actuator/customerio/track");
		paths.add("/actuator/metrics/customerio.requests");
		paths.add("/actuator/metrics/http.client.requests");
		return paths;
	}

	private void signUp(String id) {
		this.http.post()
			.uri("/signups")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", id))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private double count(String meter, String... tags) {
		Map<String, Object> body = this.http.get().uri((uri) -> {
			uri.path("/actuator/metrics/" + meter);
			for (String tag : tags) {
				uri.queryParam("tag", tag);
			}
			return uri.build();
		}).exchange().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
		}).returnResult().getResponseBody();
		if (body == null || !body.containsKey("measurements")) {
			return 0;
		}
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> measurements = (List<Map<String, Object>>) body.get("measurements");
		return measurements.stream()
			.filter((measurement) -> "COUNT".equals(measurement.get("statistic")))
			.mapToDouble((measurement) -> ((Number) measurement.get("value")).doubleValue())
			.findFirst()
			.orElse(0);
	}

	private Map<String, Object> getJson(String path) {
		return this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private String getText(String path) {
		return this.http.get().uri(path).exchange().expectBody(String.class).returnResult().getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		return (Map<String, Object>) parent.get(key);
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
