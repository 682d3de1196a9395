package io.github.ciospring.customerio.test.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sandbox's endpoints as static WireMock stub mappings (JSON), for a WireMock server the sandbox cannot run
 * in, such as a container: every endpoint answers 200 with the shape Customer.io documents when the request
 * carries the workspace's credentials for its API, 401 when it does not, and any other path 404. Unlike the
 * sandbox, the stubs check no payload and enforce no limits; a test reads what arrived from WireMock's request
 * journal.
 */
public final class SandboxStubs {

	private static final int ENDPOINT_PRIORITY = 5;

	private static final int UNAUTHORIZED_PRIORITY = 10;

	private static final int UNMATCHED_PRIORITY = 100;

	private SandboxStubs() {
	}

	/** The stub mappings, by a file-name-safe name, in WireMock's JSON format. */
	public static Map<String, String> mappings(SandboxWorkspace workspace) {
		SandboxJson json = new SandboxJson();
		Map<String, String> mappings = new LinkedHashMap<>();
		for (SandboxEndpoint endpoint : SandboxEndpoint.values()) {
			String name = endpoint.name().toLowerCase(Locale.ROOT).replace('_', '-');
			mappings.put(name, write(json, mapping(endpoint, ENDPOINT_PRIORITY, authorization(endpoint.api(), workspace),
					200, answer(endpoint))));
			mappings.put(name + "-unauthorized", write(json, mapping(endpoint, UNAUTHORIZED_PRIORITY, null, 401,
					Map.of("meta", Map.of("error", "Unauthorized request")))));
		}
		Map<String, Object> unmatched = new LinkedHashMap<>();
		unmatched.put("priority", UNMATCHED_PRIORITY);
		unmatched.put("request", Map.of("method", "ANY", "urlPattern", ".*"));
		unmatched.put("response", response(404, Map.of("meta", Map.of("error", "The sandbox does not serve this"))));
		mappings.put("unmatched", write(json, unmatched));
		return mappings;
	}

	private static Map<String, Object> mapping(SandboxEndpoint endpoint, int priority, String authorization,
			int status, Object body) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("method", endpoint.method());
		request.put("urlPathPattern", endpoint.pathPattern().pattern());
		if (authorization != null) {
			request.put("headers", Map.of("Authorization", Map.of("equalTo", authorization)));
		}
		Map<String, Object> mapping = new LinkedHashMap<>();
		mapping.put("priority", priority);
		mapping.put("request", request);
		mapping.put("response", response(status, body));
		return mapping;
	}

	private static Map<String, Object> response(int status, Object body) {
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("status", status);
		response.put("headers", Map.of("Content-Type", "application/json"));
		response.put("jsonBody", body);
		return response;
	}

	private static String authorization(SandboxApi api, SandboxWorkspace workspace) {
		return switch (api) {
			case TRACK -> SandboxAuthenticator.basic(workspace.siteId(), workspace.trackApiKey());
			case APP -> "Bearer " + workspace.appApiKey();
			case PIPELINES -> SandboxAuthenticator.basic(workspace.pipelinesApiKey(), "");
		};
	}

	/** What the endpoint answers: the fields the starter reads, with fixed values. */
	private static Object answer(SandboxEndpoint endpoint) {
		return switch (endpoint) {
			case TRACK_REGION -> Map.of("url", "", "region", "us", "environment_id", 1);
			case APP_SEND_EMAIL, APP_SEND_PUSH, APP_SEND_SMS -> Map.of("delivery_id", "sbx-stub", "queued_at", 0);
			case APP_BROADCAST -> Map.of("id", 1);
			case APP_CUSTOMERS_BY_EMAIL -> Map.of("results", List.of());
			case APP_CUSTOMERS_ATTRIBUTES -> Map.of("customers", List.of());
			case APP_EXPORTS -> Map.of("exports", List.of());
			default -> Map.of();
		};
	}

	private static String write(SandboxJson json, Object value) {
		return new String(json.write(value), StandardCharsets.UTF_8);
	}

}
