package io.github.ciospring.customerio;

import java.io.OutputStream;

import tools.jackson.databind.json.JsonMapper;

/**
 * The size in bytes of a value's JSON form, exactly as the clients write it on the wire (see
 * {@link CustomerIoJson}). Used to check Customer.io's size limits when a request is created, before it is
 * serialized.
 */
public final class JsonSize {

	private static final JsonMapper MAPPER = CustomerIoJson.newMapper();

	private JsonSize() {
	}

	public static int of(Object value) {
		ByteCounter counter = new ByteCounter();
		MAPPER.writeValue(counter, value);
		return counter.count;
	}

	/** Counts what is written and keeps none of it. */
	private static final class ByteCounter extends OutputStream {

		private int count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.count += length;
		}

	}

}
