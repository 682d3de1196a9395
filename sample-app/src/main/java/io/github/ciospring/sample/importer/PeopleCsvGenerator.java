package io.github.ciospring.sample.importer;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes a CSV of made-up people ({@code id,email,first_name,plan,created_at}), the same file for the same seed.
 */
public final class PeopleCsvGenerator {

	private static final String[] NAMES = { "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances",
			"Ken", "Margaret", "Niklaus" };

	private static final String[] PLANS = { "free", "starter", "pro", "enterprise" };

	private final long seed;

	private final String idPrefix;

	public PeopleCsvGenerator(long seed) {
		this(seed, "user-");
	}

	/**
	 * @param seed the seed: the same seed writes the same file
	 * @param idPrefix what each id starts with, before the row's number ({@code user-} by default)
	 */
	public PeopleCsvGenerator(long seed, String idPrefix) {
		this.seed = seed;
		this.idPrefix = idPrefix;
	}

	public void write(Writer out, int rows) throws IOException {
		SplittableRandom random = new SplittableRandom(this.seed);
		long start = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
		out.write("id,email,first_name,plan,created_at\n");
		for (int i = 1; i <= rows; i++) {
			String name = NAMES[random.nextInt(NAMES.length)];
			out.write(this.idPrefix + i + "," + name.toLowerCase() + "." + i + "@example.com," + name + ","
					+ PLANS[random.nextInt(PLANS.length)] + "," + (start + random.nextInt(60_000_000)) + "\n");
		}
		out.flush();
	}

}
