package io.github.ciospring.customerio;

import java.io.OutputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The size in bytes of a value's JSON form, exactly as the clients write it on the wire (see
 * {@link CustomerIoJson}). Used to check Customer.io's size limits when a request is created, before it is
 * serialized. A value Jackson cannot write (a lazily loaded entity whose session is closed, say) is refused then
 * too, naming the field and the value's type, never the value.
 */
public final class JsonSize {

	private static final JsonMapper MAPPER = CustomerIoJson.newMapper();

	private JsonSize() {
	}

	/**
	 * @param field the field the value is for, named if it cannot be written
	 * @param value the value
	 * @return the bytes of its JSON form
	 * @throws CustomerIoValidationException if Jackson cannot write the value
	 */
	public static int of(String field, Object value) {
		ByteCounter counter = new ByteCounter();
		try {
			MAPPER.writeValue(counter, value);
		}
		catch (JacksonException ex) {
			throw new CustomerIoValidationException(field, "values Jackson can write as JSON",
					"(a " + value.getClass().getName() + ") cannot be written as JSON");
		}
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
