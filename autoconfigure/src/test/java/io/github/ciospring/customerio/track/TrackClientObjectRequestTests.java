package io.github.ciospring.customerio.track;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.customerio.ObjectIdentifier;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.OpenApiSpec;
import io.github.ciospring.customerio.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getAllServeEvents;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object and relationship operations on the wire: the exact v2 body, and that it is what Customer.io's OpenAPI spec
 * describes for {@code /api/v2/entity} and {@code /api/v2/batch} (the {@code object_operations} and person
 * relationship schemas).
 */
@WireMockTest
class TrackClientObjectRequestTests {

	private static final OpenApiSpec SPEC = OpenApiSpec.track();

	private static final ObjectIdentifier ACME = ObjectIdentifier.of("1", "acme");

	private TrackClient client;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wireMock) {
		stubFor(any(anyUrl()).willReturn(ok()));
		this.client = new TestClients().track(wireMock.getHttpBaseUrl(),
				TestClients.quickRetries(1, RetryOn.TRANSIENT_FAILURES));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("objectOperations")
	void entityPostsTheObjectOperation(String description, TrackOperation operation, String expectedJson)
			throws Exception {
		this.client.entity(operation).block();

		LoggedRequest request = onlyRequest("/api/v2/entity");
		JSONAssert.assertEquals(expectedJson, request.getBodyAsString(), JSONCompareMode.STRICT);
		assertThat(SPEC.requestBodyViolations("POST", "/api/v2/entity", request.getBodyAsString())).isEmpty();
	}

	static Stream<Arguments> objectOperations() {
		String acme = "\"type\":\"object\",\"identifiers\":{\"object_type_id\":\"1\",\"object_id\":\"acme\"}";
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("name", "Acme Corp");
		attributes.put("seats", 50);
		return Stream.of(
				Arguments.of("object identify", ObjectOperation.identify(ACME).attributes(attributes).build(),
						"{" + acme + ",\"action\":\"identify\",\"attributes\":{\"name\":\"Acme Corp\",\"seats\":50}}"),
				Arguments.of("object identify by cio_object_id",
						ObjectOperation.identify(ObjectIdentifier.cioObjectId("obb7fd050101"))
							.attribute("plan", "enterprise")
							.build(),
						"{\"type\":\"object\",\"identifiers\":{\"cio_object_id\":\"obb7fd050101\"},"
								+ "\"action\":\"identify\",\"attributes\":{\"plan\":\"enterprise\"}}"),
				Arguments.of("object identify with related people",
						ObjectOperation.identify(ACME)
							.attribute("name", "Acme Corp")
							.relatedPerson(PersonIdentifier.id("42"), Map.of("role", "admin"))
							.relatedPerson(PersonIdentifier.email("b@x.com"))
							.build(),
						"{" + acme + ",\"action\":\"identify\",\"attributes\":{\"name\":\"Acme Corp\"},"
								+ "\"cio_relationships\":[{\"identifiers\":{\"id\":\"42\"},"
								+ "\"relationship_attributes\":{\"role\":\"admin\"}},"
								+ "{\"identifiers\":{\"email\":\"b@x.com\"}}]}"),
				Arguments.of("object identify_anonymous",
						ObjectOperation.identifyAnonymous(ACME)
							.attribute("name", "Acme Corp")
							.relatedAnonymousPerson("anon-abc-123", Map.of("role", "trial"))
							.build(),
						"{" + acme + ",\"action\":\"identify_anonymous\",\"attributes\":{\"name\":\"Acme Corp\"},"
								+ "\"cio_relationships\":[{\"identifiers\":{\"anonymous_id\":\"anon-abc-123\"},"
								+ "\"relationship_attributes\":{\"role\":\"trial\"}}]}"),
				Arguments.of("object delete", ObjectOperation.delete(ACME), "{" + acme + ",\"action\":\"delete\"}"),
				Arguments.of("object add_relationships",
						ObjectOperation.addRelationships(ACME)
							.relatedPerson(PersonIdentifier.cioId("a3000001"), Map.of("role", "admin",
									"date_created", 1702480414))
							.build(),
						"{" + acme + ",\"action\":\"add_relationships\",\"cio_relationships\":[{\"identifiers\":"
								+ "{\"cio_id\":\"a3000001\"},\"relationship_attributes\":{\"role\":\"admin\","
								+ "\"date_created\":1702480414}}]}"),
				Arguments.of("object delete_relationships",
						ObjectOperation.deleteRelationships(ACME).relatedPerson(PersonIdentifier.id("42")).build(),
						"{" + acme + ",\"action\":\"delete_relationships\",\"cio_relationships\":[{\"identifiers\":"
								+ "{\"id\":\"42\"}}]}"),
				Arguments.of("person add_relationships",
						TrackOperation.addRelationships(PersonIdentifier.id("42"),
								Relationship.withObject(ACME, Map.of("role", "admin")),
								Relationship.withObject(ObjectIdentifier.of("2", "course-7"))),
						"{\"type\":\"person\",\"identifiers\":{\"id\":\"42\"},\"action\":\"add_relationships\","
								+ "\"cio_relationships\":[{\"identifiers\":{\"object_type_id\":\"1\","
								+ "\"object_id\":\"acme\"},\"relationship_attributes\":{\"role\":\"admin\"}},"
								+ "{\"identifiers\":{\"object_type_id\":\"2\",\"object_id\":\"course-7\"}}]}"),
				Arguments.of("person delete_relationships",
						TrackOperation.deleteRelationships(PersonIdentifier.email("a@x.com"), ACME),
						"{\"type\":\"person\",\"identifiers\":{\"email\":\"a@x.com\"},"
								+ "\"action\":\"delete_relationships\",\"cio_relationships\":[{\"identifiers\":"
								+ "{\"object_type_id\":\"1\",\"object_id\":\"acme\"}}]}"));
	}

	@Test
	void batchCarriesObjectAndPersonOperationsTogether() throws Exception {
		TrackOperation company = ObjectOperation.identify(ACME).attribute("name", "Acme Corp").build();
		TrackOperation person = TrackOperation.identify(PersonIdentifier.id("42"), Map.of("plan", "pro"));
		TrackOperation link = TrackOperation.addRelationships(PersonIdentifier.id("42"),
				Relationship.withObject(ACME, Map.of("role", "admin")));

		BatchResult result = this.client.batch(List.of(company, person, link)).block();

		assertThat(result.isAllAccepted()).isTrue();
		LoggedRequest request = onlyRequest("/api/v2/batch");
		JSONAssert.assertEquals("{\"batch\":[{\"type\":\"object\",\"identifiers\":{\"object_type_id\":\"1\","
				+ "\"object_id\":\"acme\"},\"action\":\"identify\",\"attributes\":{\"name\":\"Acme Corp\"}},"
				+ "{\"type\":\"person\",\"identifiers\":{\"id\":\"42\"},\"action\":\"identify\","
				+ "\"attributes\":{\"plan\":\"pro\"}},{\"type\":\"person\",\"identifiers\":{\"id\":\"42\"},"
				+ "\"action\":\"add_relationships\",\"cio_relationships\":[{\"identifiers\":{\"object_type_id\":\"1\","
				+ "\"object_id\":\"acme\"},\"relationship_attributes\":{\"role\":\"admin\"}}]}]}",
				request.getBodyAsString(), JSONCompareMode.STRICT);
		assertThat(SPEC.requestBodyViolations("POST", "/api/v2/batch", request.getBodyAsString())).isEmpty();
	}

	@Test
	void theSpecCheckRefusesAnObjectWithoutItsType() {
		// the conformance assertions above can fail: an object operation missing its required "type" does not pass
		String body = "{\"identifiers\":{\"object_type_id\":\"1\",\"object_id\":\"acme\"},\"action\":\"delete\"}";

		assertThat(SPEC.requestBodyViolations("POST", "/api/v2/entity", body)).isNotEmpty();
	}

	private static LoggedRequest onlyRequest(String url) {
		List<ServeEvent> served = getAllServeEvents();
		assertThat(served).as("requests received").hasSize(1);
		LoggedRequest request = served.get(0).getRequest();
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		assertThat(request.getUrl()).isEqualTo(url);
		assertThat(request.getHeader("Authorization")).isEqualTo(TestClients.trackAuthorization());
		return request;
	}

}
