package io.github.ciospring.customerio;

/**
 * What a person identifier is ({@code id_type}): in an App API customer lookup and in a Track manual segment change.
 * {@code email} and {@code phone} work only when the workspace uses them as identifiers; phone numbers are in E.164
 * format. Track's segment changes take {@code id}, {@code email} and {@code cio_id} only.
 */
public enum IdType {

	ID("id"), EMAIL("email"), PHONE("phone"), CIO_ID("cio_id");

	private final String value;

	IdType(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}
