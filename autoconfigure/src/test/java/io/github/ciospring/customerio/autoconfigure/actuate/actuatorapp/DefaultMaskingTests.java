package io.github.ciospring.customerio.autoconfigure.actuate.actuatorapp;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Actuator's default {@code show-values} ({@code never}), {@code configprops} and {@code env} show our
 * properties but never the API key.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "customerio.track.site-id=masking-site", "customerio.track.api-key=" + DefaultMaskingTests.API_KEY,
				"management.endpoints.web.exposure.include=configprops,env" })
class DefaultMaskingTests {

	static final String API_KEY = "default-masking-key-51e2";

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private ConfigurationPropertiesReportEndpoint configprops;

	@Autowired
	private EnvironmentEndpoint env;

	@Test
	void configpropsListsOurPropertiesWithoutTheKey() {
		String report = this.json.writeValueAsString(this.configprops.configurationProperties());

		assertThat(report).contains("customerio.track").doesNotContain(API_KEY);
	}

	@Test
	void envListsOurPropertiesWithoutTheKey() {
		String report = this.json.writeValueAsString(this.env.environment(null));

		assertThat(report).contains("customerio.track.api-key").doesNotContain(API_KEY);
	}

}
