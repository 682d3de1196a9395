package io.github.ciospring.customerio.track;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /api/v1/accounts/region}: where the credentials' account lives.
 *
 * @param url the Track base URL to use
 * @param region {@code us} or {@code eu}
 * @param environmentId the workspace's environment id
 */
public record RegionInfo(String url, @JsonAlias("data_center") String region,
		@JsonProperty("environment_id") Long environmentId) {
}
