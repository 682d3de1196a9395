package io.github.ciospring.customerio;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The one JSON payload helper Track, App, Pipelines and the delivery queue build their bodies with.
 */
class JsonPayloadsTests {

	@Test
	void orderedCopyKeepsInsertionOrderAndNullValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("z", 1);
		values.put("a", null);
		values.put("m", "x");

		Map<String, Object> copy = JsonPayloads.orderedCopy(values);
		values.put("late", true);

		assertThat(copy).containsExactly(entry("z", 1), entry("a", null), entry("m", "x"));
		assertThat(copy).containsKey("a");
		assertThatThrownBy(() -> copy.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void orderedCopyOfNothingIsEmpty() {
		assertThat(JsonPayloads.<Object>orderedCopy(null)).isEmpty();
		assertThat(JsonPayloads.orderedCopy(new HashMap<String, Object>())).isEmpty();
	}

	@Test
	void putIfPresentWritesOnlySetValues() {
		Map<String, Object> json = new LinkedHashMap<>();

		JsonPayloads.putIfPresent(json, "set", "v");
		JsonPayloads.putIfPresent(json, "unset", null);
		JsonPayloads.putIfPresent(json, "zero", 0);

		assertThat(json).containsExactly(entry("set", "v"), entry("zero", 0));
	}

	@Test
	void putIfNotEmptyWritesOnlyMapsAndCollectionsThatHoldSomething() {
		Map<String, Object> json = new LinkedHashMap<>();

		JsonPayloads.putIfNotEmpty(json, "map", Map.of("a", 1));
		JsonPayloads.putIfNotEmpty(json, "emptyMap", Map.of());
		JsonPayloads.putIfNotEmpty(json, "list", List.of("x"));
		JsonPayloads.putIfNotEmpty(json, "emptyList", List.of());

		assertThat(json).containsExactly(entry("map", Map.of("a", 1)), entry("list", List.of("x")));
	}

	@Test
	void epochSecondsDropsTheFractionAndKeepsNullForUnset() {
		assertThat(JsonPayloads.epochSeconds(Instant.ofEpochSecond(1514764800, 999_000_000))).isEqualTo(1514764800L);
		assertThat(JsonPayloads.epochSeconds(null)).isNull();
	}

	@Test
	void batchBodyFramesItemsWithCommas() {
		byte[] body = JsonPayloads.batchBody(List.of(bytes("{\"a\":1}"), bytes("{\"b\":2}"), bytes("{}")));

		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"batch\":[{\"a\":1},{\"b\":2},{}]}");
	}

	@Test
	void batchBodyOfOneItemHasNoComma() {
		assertThat(new String(JsonPayloads.batchBody(List.of(bytes("{\"a\":1}"))), StandardCharsets.UTF_8))
			.isEqualTo("{\"batch\":[{\"a\":1}]}");
	}

	@Test
	void batchBodyTakesOnlyTheFirstCountItems() {
		byte[][] items = { bytes("{\"a\":1}"), bytes("{\"b\":2}"), bytes("{\"c\":3}") };

		assertThat(new String(JsonPayloads.batchBody(2, (i) -> items[i]), StandardCharsets.UTF_8))
			.isEqualTo("{\"batch\":[{\"a\":1},{\"b\":2}]}");
	}

	@Test
	void batchBodySizeIsTheLengthOfTheBody() {
		List<byte[]> items = List.of(bytes("{\"a\":1}"), bytes("{\"bb\":22}"), bytes("{}"));
		long itemBytes = items.stream().mapToLong((item) -> item.length).sum();

		assertThat(JsonPayloads.batchBodySize(items.size(), itemBytes))
			.isEqualTo(JsonPayloads.batchBody(items).length);
		assertThat(JsonPayloads.batchBodySize(0, 0)).isEqualTo(JsonPayloads.BATCH_FRAME_BYTES)
			.isEqualTo(JsonPayloads.batchBody(List.of()).length)
			.isEqualTo("{\"batch\":[]}".length());
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
