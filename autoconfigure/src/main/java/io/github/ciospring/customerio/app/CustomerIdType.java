package io.github.ciospring.customerio.app;

/**
 * What a customer identifier in a lookup is ({@code id_type}). {@code email} and {@code phone} work only when the
 * workspace uses them as identifiers; phone numbers are in E.164 format.
 */
public enum CustomerIdType {

	ID("id"), EMAIL("email"), PHONE("phone"), CIO_ID("cio_id");

	private final String value;

	CustomerIdType(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}
