package io.github.ciospring.customerio.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer.io's error messages, read from an error response body.
 */
class ErrorMessagesTests {

	private final ErrorMessages messages = new ErrorMessages(new JsonCodec());

	@Test
	void readsMetaError() {
		assertThat(read("{\"meta\":{\"error\":\"Unauthorized request\"}}")).containsExactly("Unauthorized request");
	}

	@Test
	void readsMetaErrorsAsTextsOrObjects() {
		assertThat(read("{\"meta\":{\"errors\":[\"first\",{\"message\":\"second\"},{\"reason\":\"third\"}]}}"))
			.containsExactly("first", "second", "third");
	}

	@Test
	void readsMetaErrorBeforeMetaErrors() {
		assertThat(read("{\"meta\":{\"error\":\"main\",\"errors\":[\"detail\"]}}")).containsExactly("main", "detail");
	}

	@Test
	void readsTopLevelErrorsOfAV2Response() {
		assertThat(read("{\"errors\":[{\"reason\":\"invalid\",\"field\":\"batch\",\"message\":\"not an array\"}]}"))
			.containsExactly("not an array");
	}

	@Test
	void readsAnExcerptOfABodyThatIsNotJson() {
		assertThat(read("<html>Bad Gateway</html>")).containsExactly("<html>Bad Gateway</html>");
		assertThat(read("x".repeat(500))).singleElement().isEqualTo("x".repeat(200) + "...");
	}

	@Test
	void readsNothingFromAnEmptyBodyOrOneWithoutMessages() {
		assertThat(read("")).isEmpty();
		assertThat(read("{\"meta\":{}}")).isEmpty();
	}

	private List<String> read(String body) {
		return this.messages.read(body.getBytes(StandardCharsets.UTF_8));
	}

}
