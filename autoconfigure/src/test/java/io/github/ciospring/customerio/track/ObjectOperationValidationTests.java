package io.github.ciospring.customerio.track;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.ObjectIdentifier;
import io.github.ciospring.customerio.PersonIdentifier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Object and relationship operations are checked when built: each broken rule fails with a
 * {@link CustomerIoValidationException} naming the field and the limit.
 */
class ObjectOperationValidationTests {

	private static final ObjectIdentifier ACME = ObjectIdentifier.of("1", "acme");

	@Test
	void objectTypeIdMustBeAPositiveIntegerAsText() {
		assertRefused(() -> ObjectIdentifier.of("companies", "acme"), "identifiers.object_type_id",
				"a positive integer as text");
		assertRefused(() -> ObjectIdentifier.of("0", "acme"), "identifiers.object_type_id",
				"a positive integer as text");
		assertRefused(() -> ObjectIdentifier.of(null, "acme"), "identifiers.object_type_id",
				"a positive integer as text");
		assertThat(ObjectIdentifier.of("12", "acme").objectTypeId()).isEqualTo("12");
	}

	@Test
	void objectIdIsHeldToTheIdentifierLimitOf150Bytes() {
		assertThat(ObjectIdentifier.of("1", "a".repeat(150)).objectId()).hasSize(150);
		assertRefused(() -> ObjectIdentifier.of("1", "é".repeat(76)), "identifiers.object_id", "150 bytes");
		assertRefused(() -> ObjectIdentifier.of("1", " "), "identifiers.object_id", "not blank");
	}

	@Test
	void cioObjectIdExcludesTheTypeAndId() {
		assertThat(ObjectIdentifier.cioObjectId("ob1").isCioObjectId()).isTrue();
		assertThat(ACME.isCioObjectId()).isFalse();
		assertRefused(() -> new ObjectIdentifier("1", null, "ob1"), "identifiers",
				"cio_object_id or object_type_id and object_id");
		assertRefused(() -> new ObjectIdentifier(null, "acme", "ob1"), "identifiers",
				"cio_object_id or object_type_id and object_id");
		assertRefused(() -> ObjectIdentifier.cioObjectId(""), "identifiers.cio_object_id", "not blank");
	}

	@Test
	void objectAttributesAreHeldToTheAttributeLimits() {
		assertRefused(() -> ObjectOperation.identify(ACME).attribute("notes", "x".repeat(1001)).build(),
				"attributes.notes", "1000 bytes");
		Map<String, Object> many = new HashMap<>();
		for (int i = 0; i < 301; i++) {
			many.put("a" + i, i);
		}
		assertRefused(() -> ObjectOperation.identify(ACME).attributes(many).build(), "attributes",
				"300 attributes");
	}

	@Test
	void relationshipAttributesAreHeldToTheAttributeLimits() {
		assertRefused(() -> Relationship.withObject(ACME, Map.of("r".repeat(151), 1)),
				"relationship_attributes name", "150 bytes");
		assertRefused(() -> Relationship.withPerson(PersonIdentifier.id("1"), Map.of("note", "x".repeat(1001))),
				"relationship_attributes.note", "1000 bytes");
	}

	@Test
	void onlyIdentifyingAnObjectTakesAttributes() {
		assertRefused(() -> ObjectOperation.addRelationships(ACME)
			.attribute("name", "Acme")
			.relatedPerson(PersonIdentifier.id("1"))
			.build(), "attributes", "only with identify or identify_anonymous");
		assertThat(ObjectOperation.identifyAnonymous(ACME)
			.attribute("name", "Acme")
			.relatedAnonymousPerson("anon-1", Map.of())
			.build()
			.attributes()).containsEntry("name", "Acme");
	}

	@Test
	void addingOrDeletingRelationshipsNeedsAtLeastOne() {
		assertRefused(() -> ObjectOperation.addRelationships(ACME).build(), "cio_relationships", "at least 1 item");
		assertRefused(() -> ObjectOperation.deleteRelationships(ACME).build(), "cio_relationships",
				"at least 1 item");
		assertRefused(() -> TrackOperation.addRelationships(PersonIdentifier.id("1"), List.of()),
				"cio_relationships", "at least 1 item");
		assertRefused(() -> TrackOperation.deleteRelationships(PersonIdentifier.id("1")), "cio_relationships",
				"at least 1 item");
	}

	@Test
	void aPersonRelatesToObjectsOnly() {
		assertRefused(
				() -> TrackOperation.addRelationships(PersonIdentifier.id("1"),
						Relationship.withObject(ACME), Relationship.withPerson(PersonIdentifier.id("2"))),
				"cio_relationships[1].identifiers", "an object for a person's relationships");
	}

	@Test
	void anObjectRelatesToPeopleByIdEmailOrCioIdButNotPhone() {
		assertRefused(() -> ObjectOperation.addRelationships(ACME).relatedPerson(PersonIdentifier.phone("+1555")).build(),
				"cio_relationships[0].identifiers", "a person's id, email or cio_id for an object's relationships");
		assertRefused(() -> new TrackOperation("object", "add_relationships", ACME, null, null, null, null, null,
				null, null, List.of(Relationship.withObject(ObjectIdentifier.of("2", "x")))),
				"cio_relationships[0].identifiers", "a person's id, email or cio_id for an object's relationships");
		assertRefused(() -> ObjectOperation.addRelationships(ACME).relatedAnonymousPerson("anon", Map.of()).build(),
				"cio_relationships[0].identifiers", "a person's id, email or cio_id for an object's relationships");
	}

	@Test
	void identifyAnonymousRelatesToAnonymousPeopleOnly() {
		assertRefused(() -> ObjectOperation.identifyAnonymous(ACME).relatedPerson(PersonIdentifier.id("1")).build(),
				"cio_relationships[0].identifiers", "an anonymous_id for identify_anonymous");
		assertRefused(() -> Relationship.withAnonymousPerson("", Map.of()), "identifiers.anonymous_id",
				"not blank");
	}

	@Test
	void relationshipsGoOnlyWithIdentifyOrRelationshipActions() {
		assertRefused(() -> new TrackOperation("person", "event", PersonIdentifier.id("1"), "viewed", "01", null,
				null, null, null, null, List.of(Relationship.withObject(ACME))), "cio_relationships",
				"only with identify, identify_anonymous, add_relationships or delete_relationships");
		assertThat(new TrackOperation("person", "identify", PersonIdentifier.id("1"), null, null, null, null, null,
				null, null, List.of(Relationship.withObject(ACME))).cioRelationships()).hasSize(1);
		assertRefused(() -> new TrackOperation("person", "add_relationships", PersonIdentifier.id("1"), null, null,
				null, null, null, null, null, java.util.Arrays.asList(Relationship.withObject(ACME), null)),
				"cio_relationships[1]", "required");
		assertRefused(() -> new Relationship(null, Map.of()), "cio_relationships.identifiers", "required");
	}

	@Test
	void anObjectOperationNeedsAnObjectAndAnObjectAction() {
		assertRefused(() -> new TrackOperation("object", "event", ACME, "x", null, null, null, null, null, null),
				"action", "add_relationships, delete, delete_relationships, identify, identify_anonymous");
		assertRefused(() -> new TrackOperation("object", "delete", PersonIdentifier.id("1"), null, null, null, null,
				null, null, null), "identifiers", "an object's object_type_id and object_id, or cio_object_id");
		assertRefused(() -> ObjectOperation.delete(null), "identifiers",
				"an object's object_type_id and object_id, or cio_object_id");
	}

	@Test
	void aPersonOperationNeedsAPerson() {
		assertRefused(() -> new TrackOperation("person", "delete", ACME, null, null, null, null, null, null, null),
				"identifiers", "a person's id, email, phone or cio_id");
		assertRefused(() -> new TrackOperation("company", "delete", ACME, null, null, null, null, null, null, null),
				"type", "person or object");
	}

	@Test
	void builtOperationsDoNotChangeWithTheBuilder() {
		ObjectOperation.Builder builder = ObjectOperation.identify(ACME).attribute("name", "Acme");
		TrackOperation first = builder.build();

		builder.attribute("plan", "pro").relatedPerson(PersonIdentifier.id("1"));

		assertThat(first.attributes()).containsOnlyKeys("name");
		assertThat(first.cioRelationships()).isEmpty();
		assertThat(builder.build().cioRelationships()).hasSize(1);
	}

	@Test
	void refusalsNameTheKindOfIdentifierButNeverItsValue() {
		assertThatThrownBy(() -> TrackOperation.addRelationships(PersonIdentifier.id("1"),
				Relationship.withPerson(PersonIdentifier.email("private@example.com"))))
			.hasMessageContaining("is a person's email")
			.hasMessageNotContaining("private@example.com");
		assertThatThrownBy(() -> new TrackOperation("person", "delete", ObjectIdentifier.of("1", "secret-co"), null,
				null, null, null, null, null, null))
			.hasMessageContaining("is an object")
			.hasMessageNotContaining("secret-co");
		assertThatThrownBy(() -> ObjectOperation.addRelationships(ACME).relatedAnonymousPerson("anon-9", Map.of()).build())
			.hasMessageContaining("is an anonymous_id")
			.hasMessageNotContaining("anon-9");
		assertThatThrownBy(() -> ObjectOperation.delete(null)).hasMessageContaining("is null for type object");
	}

	private static void assertRefused(ThrowingCallable call, String field, String limit) {
		assertThatThrownBy(call).isInstanceOfSatisfying(CustomerIoValidationException.class, (ex) -> {
			assertThat(ex.getField()).isEqualTo(field);
			assertThat(ex.getLimit()).isEqualTo(limit);
		});
	}

}
