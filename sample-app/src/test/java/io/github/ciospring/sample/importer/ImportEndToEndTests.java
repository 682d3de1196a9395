package io.github.ciospring.sample.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;
import io.github.ciospring.customerio.test.sandbox.ApiStats;
import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.RecordedBatchItem;
import io.github.ciospring.sample.SampleAppTest;
import io.github.ciospring.sample.importer.FailureTally.FailureReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import job in the running sample app, end to end against the embedded sandbox at default settings: the
 * sandbox limits Track to 100 requests per second in any sliding second, the client sends at 80.
 */
@SampleAppTest
class ImportEndToEndTests {

	private static final Duration TICK = Duration.ofMillis(200);

	@Autowired
	private ImportJob job;

	@Autowired
	private CustomerIoSandbox sandbox;

	@Autowired
	private TrackDeliveryQueue queue;

	@TempDir
	Path directory;

	@Test
	void fiveThousandGeneratedRowsAreAllDeliveredWithoutLossAndWithoutA429() throws IOException {
		Path csv = generate("e2e-bulk-", 5000);
		ApiStats before = this.sandbox.stats().track();
		int peopleBefore = this.sandbox.storedPeople();

		ImportReport report = this.job.run(new FileSystemResource(csv), TICK, (progress) -> {
		});

		ApiStats after = this.sandbox.stats().track();
		assertThat(report.rows()).isEqualTo(5000);
		assertThat(report.delivered()).isEqualTo(5000);
		assertThat(report.failed()).isZero();
		assertThat(report.skipped()).isZero();
		assertThat(after.acceptedItems() - before.acceptedItems()).as("items the sandbox accepted").isEqualTo(5000);
		assertThat(after.rejectedItems() - before.rejectedItems()).isZero();
		assertThat(this.sandbox.storedPeople() - peopleBefore).as("distinct people identified").isEqualTo(5000);
		assertThat(after.rateLimited() - before.rateLimited()).as("429s the sandbox answered").isZero();
		assertThat(report.rateLimited()).as("429s the client saw").isZero();
		assertThat(report.sandbox().acceptedItems()).isEqualTo(5000);
	}

	@Test
	void everyOperationTheQueueAcceptedIsSettled() throws IOException {
		Path csv = generate("e2e-settled-", 1500);

		this.job.run(new FileSystemResource(csv), TICK, (progress) -> {
		});

		assertThat(this.queue.stats().pending()).isZero();
		assertThat(this.queue.stats().accepted())
			.isEqualTo(this.queue.stats().delivered() + this.queue.stats().failed());
	}

	@Test
	void progressIsReportedUntilEveryRowIsDone() throws IOException {
		Path csv = generate("e2e-progress-", 2000);
		List<ImportProgress> progress = new ArrayList<>();

		this.job.run(new FileSystemResource(csv), TICK, progress::add);

		ImportProgress last = progress.get(progress.size() - 1);
		assertThat(last.done()).isEqualTo(2000);
		assertThat(last.total()).isEqualTo(2000);
		assertThat(last.render()).startsWith("[##############################] 2,000/2,000 100%");
	}

	@Test
	void theShippedFileDeliversItsGoodRowsAndSkipsTheBadOnesNamingTheirLines() {
		ImportReport report = this.job.run(new ClassPathResource("people.csv"), TICK, (progress) -> {
		});

		assertThat(report.source()).isEqualTo("classpath:people.csv");
		assertThat(report.skippedRows()).extracting(SkippedRow::line).containsExactly(59L, 1503L, 2504L);
		assertThat(report.skippedRows().get(0).reason()).isEqualTo("no id and no email");
		assertThat(report.skippedRows().get(1).reason()).contains("attributes.first_name").contains("1000 bytes");
		assertThat(report.skippedRows().get(2).reason()).contains("identifiers.id").contains("150 bytes");
		assertThat(report.delivered()).isEqualTo(report.rows() - 3);
		assertThat(report.failed()).isZero();
	}

	@Test
	void aRowCustomerIoRejectsIsReportedAsFailedWithItsReason() throws IOException {
		Path csv = generate("e2e-rejected-", 10);
		// the first batch (all ten rows, unless a stall split them) gets a 207 rejecting its first item
		this.sandbox.faults()
			.rejectBatchItems("invalid_attribute", "attributes.plan", "plan is not valid", 0);

		ImportReport report = this.job.run(new FileSystemResource(csv), TICK, (progress) -> {
		});

		assertThat(report.delivered()).isEqualTo(9);
		assertThat(report.failed()).isEqualTo(1);
		assertThat(report.failures()).containsEntry(
				new FailureReason("ITEM_REJECTED", 207, "invalid_attribute", "attributes.plan"), 1L);
		assertThat(report.exitCode()).isEqualTo(2);
	}

	@Test
	void aCsvSavedByExcelWithAByteOrderMarkImportsEveryPersonById() throws IOException {
		Path csv = this.directory.resolve("excel-utf8.csv");
		Files.writeString(csv, "\uFEFFid,email,plan\n" + "e2e-bom-1,a@example.com,pro\n" + "e2e-bom-2,b@example.com,free\n",
				StandardCharsets.UTF_8);

		ImportReport report = this.job.run(new FileSystemResource(csv), TICK, (progress) -> {
		});

		assertThat(report.delivered()).isEqualTo(2);
		assertThat(this.sandbox.batchItems()).filteredOn((item) -> item.identifiers().toString().contains("e2e-bom-"))
			.extracting(RecordedBatchItem::identifiers)
			.containsExactlyInAnyOrder(Map.of("id", "e2e-bom-1"), Map.of("id", "e2e-bom-2"));
		assertThat(this.sandbox.person("e2e-bom-1")).hasValueSatisfying((person) -> assertThat(person.attributes())
			.containsOnlyKeys("email", "plan"));
	}

	@Test
	void aHeaderThatIsNotAnAttributeNameFailsTheImportBeforeAnythingIsSent() throws IOException {
		Path csv = this.directory.resolve("zero-width.csv");
		Files.writeString(csv, "id,\u200Bplan\ne2e-header-1,pro\n", StandardCharsets.UTF_8);
		ApiStats before = this.sandbox.stats().track();

		assertThatThrownBy(() -> this.job.run(new FileSystemResource(csv), TICK, (progress) -> {
		})).isInstanceOf(ImportFailedException.class)
			.hasMessageContaining("Header column 2 (\"<U+200B>plan\") is not a valid attribute name");
		assertThat(this.sandbox.stats().track().requests()).isEqualTo(before.requests());
	}

	@Test
	void theCommandGeneratesAFileImportsItAndPrintsTheReport() {
		Path csv = this.directory.resolve("generated.csv");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImportCommand command = new ImportCommand(this.job, new PrintStream(out, true, StandardCharsets.UTF_8), false);

		command.run(new DefaultApplicationArguments("--generate=300", "--output=" + csv, "--seed=7", "--import"));

		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(csv).exists();
		assertThat(printed).contains("Wrote 300 people to " + csv)
			.contains("Import of " + csv + ": 300 rows")
			.containsPattern("delivered +300")
			.containsPattern("sandbox saw +\\d+  Track requests, 300 items accepted, 0 answered 429");
		assertThat(command.getExitCode()).isZero();
	}

	@Test
	void theCommandWithoutAFileImportsTheShippedOne() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImportCommand command = new ImportCommand(this.job, new PrintStream(out, true, StandardCharsets.UTF_8), false);

		command.run(new DefaultApplicationArguments("--import"));

		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Import of classpath:people.csv")
			.contains("line 59: no id and no email");
		assertThat(command.getExitCode()).isZero();
	}

	@Test
	void aMissingFileEndsTheCommandWithExitCodeOneAndSaysWhy() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImportCommand command = new ImportCommand(this.job, new PrintStream(out, true, StandardCharsets.UTF_8), false);
		Path missing = this.directory.resolve("missing.csv");

		command.run(new DefaultApplicationArguments("--import=" + missing));

		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Import failed: " + missing + " does not exist");
		assertThat(command.getExitCode()).isEqualTo(1);
	}

	@Test
	void withoutACommandOptionTheCommandDoesNothing() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImportCommand command = new ImportCommand(this.job, new PrintStream(out, true, StandardCharsets.UTF_8), false);

		command.run(new DefaultApplicationArguments("--server.port=0"));

		assertThat(out.size()).isZero();
		assertThat(command.getExitCode()).isZero();
	}

	private Path generate(String idPrefix, int rows) throws IOException {
		Path csv = this.directory.resolve(idPrefix + rows + ".csv");
		try (Writer writer = Files.newBufferedWriter(csv)) {
			new PeopleCsvGenerator(11, idPrefix).write(writer, rows);
		}
		return csv;
	}

}
