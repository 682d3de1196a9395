package io.github.ciospring.customerio.http;

import tools.jackson.databind.json.JsonMapper;

import io.github.ciospring.customerio.CustomerIoJson;

/**
 * Turns request bodies into the exact JSON bytes that go on the wire, and response bytes into values. The
 * clients serialize a body once, check its size against Customer.io's limits, and send those same bytes on every
 * attempt. Independent of the application's own codecs, so a user's Jackson settings cannot change Customer.io
 * payloads (see {@link CustomerIoJson}).
 */
public final class JsonCodec {

	private final JsonMapper mapper;

	public JsonCodec() {
		this(CustomerIoJson.newMapper());
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
