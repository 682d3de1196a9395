package io.github.ciospring.customerio.test.sandbox;

/**
 * The Customer.io APIs the sandbox stands in for; its statistics are kept per API.
 */
public enum SandboxApi {

	/** Track API v1 and v2: {@code /api/v1/...}, {@code /api/v2/entity}, {@code /api/v2/batch}. */
	TRACK,

	/** App API: transactional sends, broadcast triggers, customer lookups, exports ({@code /v1/...}). */
	APP,

	/** Data Pipelines API: {@code /v1/identify}, {@code /v1/track}, ..., {@code /v1/batch}. */
	PIPELINES

}
