package io.github.ciospring.customerio.test.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the workspace an {@code Authorization} header belongs to, per API as Customer.io checks it: Track
 * {@code Basic base64(site_id:api_key)}, App {@code Bearer <app key>}, Data Pipelines
 * {@code Basic base64(api_key:)}.
 */
final class SandboxAuthenticator {

	private final Map<String, SandboxWorkspace> byTrackHeader = new HashMap<>();

	private final Map<String, SandboxWorkspace> byAppHeader = new HashMap<>();

	private final Map<String, SandboxWorkspace> byPipelinesHeader = new HashMap<>();

	SandboxAuthenticator(List<SandboxWorkspace> workspaces) {
		for (SandboxWorkspace workspace : workspaces) {
			this.byTrackHeader.put(basic(workspace.siteId(), workspace.trackApiKey()), workspace);
			this.byAppHeader.put("Bearer " + workspace.appApiKey(), workspace);
			this.byPipelinesHeader.put(basic(workspace.pipelinesApiKey(), ""), workspace);
		}
	}

	/** The workspace whose credentials for the API the header carries, empty when it carries none of them. */
	Optional<SandboxWorkspace> authenticate(SandboxApi api, String authorization) {
		if (authorization == null) {
			return Optional.empty();
		}
		Map<String, SandboxWorkspace> accepted = switch (api) {
			case TRACK -> this.byTrackHeader;
			case APP -> this.byAppHeader;
			case PIPELINES -> this.byPipelinesHeader;
		};
		return Optional.ofNullable(accepted.get(normalize(authorization.strip())));
	}

	/** The scheme is case-insensitive: {@code basic x} is read as {@code Basic x}. */
	private static String normalize(String authorization) {
		int space = authorization.indexOf(' ');
		if (space < 0) {
			return authorization;
		}
		String scheme = authorization.substring(0, space);
		String credentials = authorization.substring(space + 1).strip();
		if (scheme.equalsIgnoreCase("basic")) {
			return "Basic " + credentials;
		}
		if (scheme.equalsIgnoreCase("bearer")) {
			return "Bearer " + credentials;
		}
		return authorization;
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
