package io.github.ciospring.customerio.test.sandbox;

/**
 * One workspace of the sandbox and the credentials its three APIs accept. Rate limits are kept per workspace.
 * Its {@code toString} never shows the keys.
 *
 * @param name the workspace's name, used in logs and as its rate-limit key
 * @param siteId the Track API site id (Basic auth user name)
 * @param trackApiKey the Track API key (Basic auth password)
 * @param appApiKey the App API key (Bearer token)
 * @param pipelinesApiKey the Data Pipelines API key (Basic auth user name, empty password)
 */
public record SandboxWorkspace(String name, String siteId, String trackApiKey, String appApiKey,
		String pipelinesApiKey) {

	/** The workspace a sandbox has when none is configured. */
	public static final SandboxWorkspace DEFAULT = new SandboxWorkspace("sandbox", "sandbox-site-id",
			"sandbox-track-api-key", "sandbox-app-api-key", "sandbox-pipelines-api-key");

	public SandboxWorkspace {
		requireText("name", name);
		requireText("siteId", siteId);
		requireText("trackApiKey", trackApiKey);
		requireText("appApiKey", appApiKey);
		requireText("pipelinesApiKey", pipelinesApiKey);
		if (siteId.contains(":") || pipelinesApiKey.contains(":")) {
			throw new IllegalArgumentException("siteId and pipelinesApiKey must not contain ':'");
		}
	}

	private static void requireText(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(field + " must not be blank");
		}
	}

	@Override
	public String toString() {
		return "SandboxWorkspace[name=" + this.name + ", siteId=" + this.siteId + ", keys=******]";
	}

}
