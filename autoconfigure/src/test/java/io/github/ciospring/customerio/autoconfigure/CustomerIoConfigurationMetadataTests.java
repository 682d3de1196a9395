package io.github.ciospring.customerio.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated {@code META-INF/spring-configuration-metadata.json} that IDEs read for {@code customerio.*}.
 */
class CustomerIoConfigurationMetadataTests {

	@Test
	void rateLimitAndRetryOfEveryApiAreGroupsNotValueProperties() throws IOException {
		List<String> groups = new ArrayList<>();
		Map<String, JsonNode> properties = read(groups);
		for (String prefix : List.of("customerio.track", "customerio.pipelines", "customerio.app",
				"customerio.app.transactional", "customerio.app.broadcasts")) {
			assertThat(properties).doesNotContainKeys(prefix + ".rate-limit", prefix + ".retry");
			assertThat(groups).contains(prefix + ".rate-limit", prefix + ".retry");
		}
	}

	@Test
	void everyNestedRateLimitAndRetryPropertyHasAType() throws IOException {
		Map<String, JsonNode> properties = read(new ArrayList<>());
		for (String prefix : List.of("customerio.pipelines", "customerio.app", "customerio.app.transactional",
				"customerio.app.broadcasts")) {
			for (String leaf : List.of("rate-limit.requests-per-second", "rate-limit.burst", "rate-limit.max-wait",
					"retry.max-attempts", "retry.initial-backoff", "retry.max-backoff", "retry.max-retry-after",
					"retry.retry-on")) {
				String name = prefix + "." + leaf;
				assertThat(properties).containsKey(name);
				assertThat(properties.get(name).path("type").asString()).as(name).isNotEmpty();
			}
		}
	}

	private static Map<String, JsonNode> read(List<String> groups) throws IOException {
		Map<String, JsonNode> properties = new HashMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		for (URL url : Collections.list(CustomerIoConfigurationMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				JsonNode root = mapper.readTree(in);
				for (JsonNode property : root.path("properties").values()) {
					String name = property.path("name").asString();
					if (name.startsWith("customerio.")) {
						properties.put(name, property);
					}
				}
				for (JsonNode group : root.path("groups").values()) {
					groups.add(group.path("name").asString());
				}
			}
		}
		return properties;
	}

}
