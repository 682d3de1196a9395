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

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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
		for (String prefix : List.of("customerio.track", "customerio.pipelines", "customerio.app",
				"customerio.app.transactional", "customerio.app.broadcasts")) {
			for (String leaf : List.of("rate-limit.requests-per-second", "rate-limit.burst", "rate-limit.max-wait",
					"retry.max-attempts", "retry.initial-backoff", "retry.max-backoff", "retry.max-retry-after",
					"retry.retry-on")) {
				String name = prefix + "." + leaf;
				assertThat(properties).containsKey(name);
				assertThat(properties.get(name).path("type").asString()).as(name).isNotEmpty();
			}
		}
	}

	/**
	 * Every documented default is the value an API really runs with: setting a property to its documented default
	 * resolves to exactly the settings that leaving it unset does.
	 */
	@Test
	void everyDocumentedDefaultIsTheDefaultTheApiRunsWith() throws IOException {
		Map<String, JsonNode> properties = read(new ArrayList<>());
		List<String> checked = new ArrayList<>();
		properties.forEach((name, property) -> {
			JsonNode defaultValue = property.path("defaultValue");
			String instance = instanceOf(name);
			if (defaultValue.isMissingNode() || instance == null) {
				return;
			}
			assertThat(resolved(instance, Map.of(name, defaultValue.asString()))).as(name + " = " + defaultValue)
				.isEqualTo(resolved(instance, Map.of()));
			checked.add(name);
		});
		assertThat(checked).as("documented defaults checked").hasSize(5 * 8);
	}

	@Test
	void aWrongDocumentedDefaultWouldBeCaught() {
		assertThat(resolved("customerio.app.broadcasts",
				Map.of("customerio.app.broadcasts.rate-limit.max-wait", "30s")))
			.isNotEqualTo(resolved("customerio.app.broadcasts", Map.of()));
	}

	/** The API instance (one rate limiter and retry) whose settings the name belongs to. */
	private static String instanceOf(String name) {
		return INSTANCES.stream()
			.filter((instance) -> name.startsWith(instance + ".rate-limit.") || name.startsWith(instance + ".retry."))
			.findFirst()
			.orElse(null);
	}

	private static final List<String> INSTANCES = List.of("customerio.app.transactional", "customerio.app.broadcasts",
			"customerio.track", "customerio.app", "customerio.pipelines");

	/** The rate-limit and retry settings the auto-configuration resolves for the instance from the values. */
	private static List<Object> resolved(String instance, Map<String, String> values) {
		Binder binder = new Binder(new MapConfigurationPropertySource(values));
		return switch (instance) {
			case "customerio.track" -> {
				CustomerIoTrackProperties track = binder.bindOrCreate("customerio.track",
						CustomerIoTrackProperties.class);
				yield List.of(track.rateLimit().resolve(CustomerIoTrackProperties.DEFAULT_RATE_LIMIT),
						track.retry().resolve(CustomerIoTrackProperties.DEFAULT_RETRY));
			}
			case "customerio.pipelines" -> {
				CustomerIoPipelinesProperties pipelines = binder.bindOrCreate("customerio.pipelines",
						CustomerIoPipelinesProperties.class);
				yield List.of(pipelines.rateLimit().resolve(CustomerIoPipelinesProperties.DEFAULT_RATE_LIMIT),
						pipelines.retry().resolve(CustomerIoPipelinesProperties.DEFAULT_RETRY));
			}
			case "customerio.app" -> {
				CustomerIoAppProperties app = binder.bindOrCreate("customerio.app", CustomerIoAppProperties.class);
				yield List.of(app.rateLimit().resolve(CustomerIoAppProperties.DEFAULT_RATE_LIMIT),
						app.retry().resolve(CustomerIoAppProperties.DEFAULT_RETRY));
			}
			case "customerio.app.transactional" -> {
				CustomerIoAppProperties app = binder.bindOrCreate("customerio.app", CustomerIoAppProperties.class);
				yield List.of(
						app.transactional().rateLimit().resolve(CustomerIoAppProperties.DEFAULT_TRANSACTIONAL_RATE_LIMIT),
						app.transactional().retry().resolve(CustomerIoAppProperties.DEFAULT_TRANSACTIONAL_RETRY));
			}
			case "customerio.app.broadcasts" -> {
				CustomerIoAppProperties app = binder.bindOrCreate("customerio.app", CustomerIoAppProperties.class);
				yield List.of(
						app.broadcasts().rateLimit().resolve(CustomerIoAppProperties.DEFAULT_BROADCASTS_RATE_LIMIT),
						app.broadcasts().retry().resolve(CustomerIoAppProperties.DEFAULT_BROADCASTS_RETRY));
			}
			default -> throw new IllegalArgumentException(instance);
		};
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
