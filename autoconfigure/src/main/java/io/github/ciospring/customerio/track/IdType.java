package io.github.ciospring.customerio.track;

/** What the identifiers in a segment change are. */
public enum IdType {

	ID("id"), EMAIL("email"), CIO_ID("cio_id");

	private final String value;

	IdType(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}
