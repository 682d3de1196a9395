package io.github.ciospring.customerio.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns request bodies into the exact JSON bytes that go on the wire, and response bytes into values. The
 * clients serialize a body once, check its size against Customer.io's limits, and send those same bytes on every
 * attempt. Independent of the application's own codecs, so a user's Jackson settings cannot change Customer.io
 * payloads. Unknown response fields are ignored; {@code null} fields are left out.
 */
public final class JsonCodec {

	private final JsonMapper mapper;

	public JsonCodec() {
		this(JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build());
	}

	public JsonCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public byte[] write(Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	public <T> T read(byte[] json, Class<T> type) {
		return this.mapper.readValue(json, type);
	}

}
