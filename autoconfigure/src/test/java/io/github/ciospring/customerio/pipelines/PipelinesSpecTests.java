package io.github.ciospring.customerio.pipelines;

import io.github.ciospring.customerio.Region;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec checker used by the request tests can fail: each of these bodies breaks the Pipelines spec in one way,
 * and the checker says so.
 */
class PipelinesSpecTests {

	private static final PipelinesSpec spec = PipelinesSpec.load();

	@Test
	void aConformingTrackCallHasNoViolations() {
		assertThat(spec.violations("/track", """
				{"type":"track","messageId":"m1","userId":"42","event":"Order Completed",
				 "properties":{"total":10},"timestamp":"2026-11-22T10:15:30.120Z"}""")).isEmpty();
	}

	@Test
	void identifyWithNeitherUserIdNorAnonymousIdIsAViolation() {
		assertThat(spec.violations("/identify", """
				{"type":"identify","messageId":"m1","traits":{"email":"a@example.com"}}"""))
			.anySatisfy((violation) -> assertThat(violation).contains("userId is required"));
	}

	@Test
	void snakeCaseFieldIsAViolation() {
		assertThat(spec.violations("/track", """
				{"type":"track","message_id":"m1","userId":"42","event":"Order Completed"}"""))
			.anySatisfy((violation) -> assertThat(violation).contains("$.message_id is not a field"));
	}

	@Test
	void epochSecondsTimestampIsAViolation() {
		assertThat(spec.violations("/track", """
				{"type":"track","userId":"42","event":"Order Completed","timestamp":1795342530}"""))
			.anySatisfy((violation) -> assertThat(violation).contains("timestamp should be of type string"));
	}

	@Test
	void timestampThatIsNotIso8601IsAViolation() {
		assertThat(spec.violations("/page", """
				{"type":"page","userId":"42","timestamp":"22/11/2026 10:15"}"""))
			.anySatisfy((violation) -> assertThat(violation).contains("should be an ISO-8601 date-time"));
	}

	@Test
	void integrationSwitchThatIsNotABooleanIsAViolation() {
		assertThat(spec.violations("/identify", """
				{"type":"identify","userId":"42","integrations":{"All":"yes"}}"""))
			.anySatisfy((violation) -> assertThat(violation).contains("integrations.All should be of type boolean"));
	}

	@Test
	void deviceEventWithoutADeviceTokenIsAViolation() {
		assertThat(spec.violations("/track", """
				{"type":"track","userId":"42","event":"Device Created or Updated","context":{"device":{"type":"ios"}}}"""))
			.anySatisfy((violation) -> assertThat(violation).contains("token is required"));
	}

	@Test
	void userDeletedWithOnlyAnAnonymousIdIsAViolation() {
		assertThat(spec.violations("/track", """
				{"type":"track","anonymousId":"a1","event":"User Deleted"}"""))
			.anySatisfy((violation) -> assertThat(violation).contains("userId is required"));
	}

	@Test
	void groupCallWithoutGroupIdInABatchIsAViolation() {
		assertThat(spec.violations("/batch", """
				{"batch":[{"type":"group","userId":"42","traits":{"name":"Acme"}}]}"""))
			.anySatisfy((violation) -> assertThat(violation).contains("groupId is required"));
	}

	@Test
	void aliasCallInABatchIsAViolation() {
		assertThat(spec.violations("/batch", """
				{"batch":[{"type":"alias","previousId":"a1","userId":"42"}]}"""))
			.anySatisfy((violation) -> assertThat(violation).contains("matches none of the 5 anyOf branches"));
	}

	@Test
	void undeclaredFieldInABatchItemIsAViolation() {
		assertThat(spec.violations("/batch", """
				{"batch":[{"type":"track","userId":"42","event":"Order Completed","anonymous_id":"a1"}]}"""))
			.anySatisfy((violation) -> assertThat(violation).contains("anonymous_id"));
	}

	@Test
	void everyEndpointTheClientCallsIsInTheSpec() {
		assertThat(java.util.List.of("/identify", "/track", "/page", "/screen", "/group", "/alias", "/batch"))
			.allSatisfy((path) -> assertThat(spec.hasPost(path)).as(path).isTrue());
	}

	@Test
	void regionHostsAreTheSpecServersWithoutTheV1Path() {
		assertThat(spec.servers()).containsExactly(Region.US.pipelinesUrl() + "/v1", Region.EU.pipelinesUrl() + "/v1");
	}

	@Test
	void specAuthenticatesWithHttpBasic() {
		assertThat(spec.securityScheme("/identify").path("scheme").asString()).isEqualTo("basic");
	}

}
