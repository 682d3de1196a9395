package io.github.ciospring.customerio;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One way to address an object (a company, an account, a course...) in Track v2 operations and relationships:
 * by its object type id and object id, or by the {@code cio_object_id} Customer.io gave it. Serialized as {@code {"object_type_id": "1", "object_id": "acme"}}
 * or {@code {"cio_object_id": "..."}}.
 *
 * @param objectTypeId the object type, a positive integer as text ({@code "1"} for the first type created), or
 * {@code null} with a {@code cioObjectId}
 * @param objectId the object's own id, at most 150 bytes like a person's id, or {@code null} with a
 * {@code cioObjectId}
 * @param cioObjectId the id Customer.io set when it created the object, or {@code null}
 */
public record ObjectIdentifier(@Nullable String objectTypeId, @Nullable String objectId,
		@Nullable String cioObjectId) implements EntityIdentifier {

	public ObjectIdentifier {
		if (cioObjectId != null) {
			if (objectTypeId != null || objectId != null) {
				throw new CustomerIoValidationException("identifiers", "cio_object_id or object_type_id and object_id",
						"has both a cio_object_id and an object_type_id/object_id");
			}
			PayloadLimits.requireIdentifier("identifiers.cio_object_id", cioObjectId);
		}
		else {
			requireObjectTypeId(objectTypeId);
			PayloadLimits.requireIdentifier("identifiers.object_id", objectId);
		}
	}

	/** The object of that type ({@code "1"}, {@code "2"}...) with that id. */
	public static ObjectIdentifier of(String objectTypeId, String objectId) {
		return new ObjectIdentifier(objectTypeId, objectId, null);
	}

	/** The object Customer.io knows by that {@code cio_object_id}; it must exist already. */
	public static ObjectIdentifier cioObjectId(String cioObjectId) {
		return new ObjectIdentifier(null, null, cioObjectId);
	}

	/** Whether the object is addressed by its {@code cio_object_id}, which cannot create it. */
	public boolean isCioObjectId() {
		return this.cioObjectId != null;
	}

	@JsonValue
	Map<String, String> json() {
		if (this.cioObjectId != null) {
			return Map.of("cio_object_id", this.cioObjectId);
		}
		Map<String, String> json = new LinkedHashMap<>();
		json.put("object_type_id", this.objectTypeId);
		json.put("object_id", this.objectId);
		return json;
	}

	private static void requireObjectTypeId(@Nullable String objectTypeId) {
		if (objectTypeId == null || !objectTypeId.matches("[1-9][0-9]{0,9}")) {
			throw new CustomerIoValidationException("identifiers.object_type_id", "a positive integer as text",
					"is " + ((objectTypeId != null) ? "'" + objectTypeId + "'" : "null"));
		}
	}

}
