package io.github.ciospring.customerio.test.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Sends raw requests to a sandbox, with the credentials each API expects (or others), for tests that check the
 * sandbox's answers exactly.
 */
final class SandboxHttp {

	private final HttpClient client = HttpClient.newHttpClient();

	private final String baseUrl;

	private final SandboxWorkspace workspace;

	SandboxHttp(CustomerIoSandbox sandbox) {
		this(sandbox.baseUrl(), sandbox.workspace());
	}

	SandboxHttp(String baseUrl, SandboxWorkspace workspace) {
		this.baseUrl = baseUrl;
		this.workspace = workspace;
	}

	String trackAuth() {
		return trackAuth(this.workspace);
	}

	static String trackAuth(SandboxWorkspace workspace) {
		return SandboxAuthenticator.basic(workspace.siteId(), workspace.trackApiKey());
	}

	String appAuth() {
		return "Bearer " + this.workspace.appApiKey();
	}

	String pipelinesAuth() {
		return SandboxAuthenticator.basic(this.workspace.pipelinesApiKey(), "");
	}

	HttpResponse<String> send(String method, String path, String authorization, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
					: HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> identify(String id, String body) {
		return send("PUT", "/api/v1/customers/" + id, trackAuth(), body);
	}

}
