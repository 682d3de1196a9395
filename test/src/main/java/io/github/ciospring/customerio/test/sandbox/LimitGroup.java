package io.github.ciospring.customerio.test.sandbox;

/**
 * The sliding-window limits the sandbox enforces per workspace. Every endpoint counts against exactly one group.
 */
public enum LimitGroup {

	/** Every Track API call (Customer.io's guides: 100 requests per second). */
	TRACK(SandboxApi.TRACK),

	/** App API lookups and exports (10 requests per second). */
	APP(SandboxApi.APP),

	/** App API transactional sends ({@code /v1/send/...}; soft 3000 per 3 seconds). */
	TRANSACTIONAL(SandboxApi.APP),

	/** App API broadcast triggers ({@code /v1/campaigns/{id}/triggers}; 1 per 10 seconds). */
	BROADCAST(SandboxApi.APP),

	/** Every Data Pipelines call (soft 3000 per 3 seconds). */
	PIPELINES(SandboxApi.PIPELINES);

	private final SandboxApi api;

	LimitGroup(SandboxApi api) {
		this.api = api;
	}

	public SandboxApi api() {
		return this.api;
	}

}
