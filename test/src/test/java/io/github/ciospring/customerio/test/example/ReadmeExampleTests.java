package io.github.ciospring.customerio.test.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Testing your code" shows {@link SignupTests} verbatim, so the example users copy is the one that
 * compiles and passes here.
 */
class ReadmeExampleTests {

	@Test
	void theReadmeShowsTheTestedExampleUnchanged() throws IOException {
		String example = Files.readString(
				Path.of("src/test/java/io/github/ciospring/customerio/test/example/SignupTests.java"),
				StandardCharsets.UTF_8);
		String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);

		assertThat(readme).contains("## Testing your code").contains("```java\n" + example + "```\n");
	}

}
