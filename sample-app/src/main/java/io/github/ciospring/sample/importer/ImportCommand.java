package io.github.ciospring.sample.importer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The sample app's command line: {@code --generate=N [--output=file] [--seed=S]} writes a CSV of N made-up people;
 * {@code --import[=file]} imports a CSV (the generated one, else the shipped {@code people.csv}) with a progress
 * line, then prints the report. Without either option it does nothing (the app serves its web API). The exit code
 * is 0 when every good row was delivered, 2 when some failed to deliver, 1 when the command could not run.
 */
@Component
public class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

	/** The file imported by {@code --import} without a value. */
	public static final String SHIPPED_FILE = "classpath:people.csv";

	static final String IMPORT = "import";

	static final String GENERATE = "generate";

	private final ImportJob job;

	private final PrintStream out;

	private final boolean console;

	private final int columns;

	private volatile int exitCode;

	@Autowired
	public ImportCommand(ImportJob job) {
		this(job, System.out, System.console() != null,
				(System.console() != null) ? TerminalWidth.detect() : TerminalWidth.DEFAULT);
	}

	ImportCommand(ImportJob job, PrintStream out, boolean console) {
		this(job, out, console, TerminalWidth.DEFAULT);
	}

	ImportCommand(ImportJob job, PrintStream out, boolean console, int columns) {
		this.job = job;
		this.out = out;
		this.console = console;
		this.columns = columns;
	}

	/** Whether the arguments ask for a command ({@code --import} or {@code --generate}) rather than the web API. */
	public static boolean isCommand(String... args) {
		return Arrays.stream(args).anyMatch((arg) -> isOption(arg, IMPORT) || isOption(arg, GENERATE));
	}

	private static boolean isOption(String arg, String name) {
		return arg.equals("--" + name) || arg.startsWith("--" + name + "=");
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.containsOption(IMPORT) && !args.containsOption(GENERATE)) {
			return;
		}
		try {
			Resource file = null;
			if (args.containsOption(GENERATE)) {
				file = new FileSystemResource(generate(args));
			}
			if (args.containsOption(IMPORT)) {
				String value = single(args, IMPORT);
				if (value != null && !value.isBlank()) {
					file = resource(value);
				}
				else if (file == null) {
					file = resource(SHIPPED_FILE);
				}
				importFile(file);
			}
		}
		catch (ImportFailedException | IllegalArgumentException ex) {
			this.out.println();
			this.out.println("Import failed: " + ex.getMessage());
			this.exitCode = 1;
		}
	}

	private Path generate(ApplicationArguments args) {
		int rows = parseInt(single(args, GENERATE), GENERATE);
		if (rows < 1) {
			throw new IllegalArgumentException("--generate needs a number of rows of at least 1, was " + rows);
		}
		String output = single(args, "output");
		Path path = Path.of((output != null && !output.isBlank()) ? output : "target/people-" + rows + ".csv");
		String seed = single(args, "seed");
		try {
			if (path.toAbsolutePath().getParent() != null) {
				Files.createDirectories(path.toAbsolutePath().getParent());
			}
			try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
				new PeopleCsvGenerator((seed != null) ? Long.parseLong(seed) : 42).write(writer, rows);
			}
		}
		catch (IOException ex) {
			throw new ImportFailedException("Could not write " + path + ": " + ex.getMessage(), ex);
		}
		this.out.printf("Wrote %,d people to %s%n", rows, path);
		return path;
	}

	private void importFile(Resource file) {
		Duration tick = this.console ? Duration.ofMillis(250) : Duration.ofSeconds(3);
		ImportReport report = this.job.run(file, tick, this::showProgress);
		if (this.console) {
			this.out.println();
		}
		this.out.println();
		this.out.print(report.render());
		this.out.flush();
		this.exitCode = report.exitCode();
	}

	private void showProgress(ImportProgress progress) {
		if (this.console) {
			// redraw in place, never wider than the terminal (a wrapped line cannot be redrawn)
			this.out.print("\r" + ProgressBar.fit(progress.render(), this.columns));
		}
		else {
			this.out.println(progress.render());
		}
		this.out.flush();
	}

	static Resource resource(String location) {
		if (location.startsWith("classpath:")) {
			return new ClassPathResource(location.substring("classpath:".length()));
		}
		return new FileSystemResource(location);
	}

	private static String single(ApplicationArguments args, String name) {
		List<String> values = args.getOptionValues(name);
		return (values == null || values.isEmpty()) ? null : values.get(values.size() - 1);
	}

	private static int parseInt(String value, String option) {
		try {
			return Integer.parseInt((value != null) ? value.trim().replace("_", "").replace(",", "") : "");
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + option + " needs a number of rows, for example --" + option
					+ "=10000; was '" + value + "'");
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
