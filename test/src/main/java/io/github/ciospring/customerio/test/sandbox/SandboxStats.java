package io.github.ciospring.customerio.test.sandbox;

import java.util.Map;

/**
 * A snapshot of the sandbox's statistics, per API.
 *
 * @param apis the statistics of each API
 * @param unmatched requests to a path or method the sandbox does not serve (answered 404)
 */
public record SandboxStats(Map<SandboxApi, ApiStats> apis, long unmatched) {

	public SandboxStats {
		apis = Map.copyOf(apis);
	}

	public ApiStats api(SandboxApi api) {
		return this.apis.get(api);
	}

	public ApiStats track() {
		return api(SandboxApi.TRACK);
	}

	public ApiStats app() {
		return api(SandboxApi.APP);
	}

	public ApiStats pipelines() {
		return api(SandboxApi.PIPELINES);
	}

}
