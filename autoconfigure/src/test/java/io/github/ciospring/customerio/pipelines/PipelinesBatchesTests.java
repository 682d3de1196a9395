package io.github.ciospring.customerio.pipelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import io.github.ciospring.customerio.CustomerIoValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Packing encoded messages into batch bodies under 500 KB.
 */
class PipelinesBatchesTests {

	/** 400 messages of 1 to 32,000 bytes (a fixed seed, so every run packs the same), about 6 MB in all. */
	private final List<byte[]> messages = randomMessages(400, new Random(42));

	@Test
	void everyBatchBodyIsWithinTheLimit() {
		List<List<byte[]>> batches = PipelinesBatches.split(this.messages);
		assertThat(batches).hasSizeGreaterThan(10);
		assertThat(batches).allSatisfy((batch) -> assertThat(PipelinesBatches.body(batch).length)
			.isLessThanOrEqualTo(PipelinesLimits.MAX_BATCH_BYTES));
	}

	@Test
	void everyMessageIsKeptOnceAndInOrder() {
		List<byte[]> rejoined = PipelinesBatches.split(this.messages).stream().flatMap(List::stream).toList();
		assertThat(rejoined).containsExactlyElementsOf(this.messages);
	}

	@Test
	void eachBatchTakesAsManyMessagesAsFit() {
		List<List<byte[]>> batches = PipelinesBatches.split(this.messages);
		for (int i = 0; i + 1 < batches.size(); i++) {
			List<byte[]> withNext = new ArrayList<>(batches.get(i));
			withNext.add(batches.get(i + 1).get(0));
			assertThat(PipelinesBatches.bodySize(withNext)).as("batch %d plus the next message", i)
				.isGreaterThan(PipelinesLimits.MAX_BATCH_BYTES);
		}
	}

	@Test
	void smallerLimitIsHonoured() {
		List<List<byte[]>> batches = PipelinesBatches.split(this.messages, 100_000);
		assertThat(batches).allSatisfy((batch) -> assertThat(PipelinesBatches.bodySize(batch))
			.isLessThanOrEqualTo(100_000));
		assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(this.messages.size());
	}

	@Test
	void bodySizeIsTheLengthOfTheBody() {
		List<byte[]> some = this.messages.subList(0, 7);
		assertThat(PipelinesBatches.bodySize(some)).isEqualTo(PipelinesBatches.body(some).length);
	}

	@Test
	void bodyIsABatchArrayOfTheMessages() {
		byte[] body = PipelinesBatches.body(List.of("{\"a\":1}".getBytes(), "{\"b\":2}".getBytes()));
		assertThat(new String(body)).isEqualTo("{\"batch\":[{\"a\":1},{\"b\":2}]}");
	}

	@Test
	void messageOverTheMessageLimitIsRefusedNamingItsIndex() {
		List<byte[]> withOversized = new ArrayList<>(this.messages.subList(0, 3));
		withOversized.add(new byte[PipelinesLimits.MAX_MESSAGE_BYTES + 1]);
		assertThatThrownBy(() -> PipelinesBatches.split(withOversized)).isInstanceOfSatisfying(
				CustomerIoValidationException.class, (ex) -> {
					assertThat(ex.getField()).isEqualTo("batch[3]");
					assertThat(ex.getLimit()).isEqualTo("32000 bytes");
				});
	}

	@Test
	void limitAboveCustomerIosIsRejected() {
		assertThatThrownBy(() -> PipelinesBatches.split(this.messages, PipelinesLimits.MAX_BATCH_BYTES + 1))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void noMessagesMakeNoBatches() {
		assertThat(PipelinesBatches.split(List.of())).isEmpty();
	}

	private static List<byte[]> randomMessages(int count, Random random) {
		return IntStream.range(0, count).mapToObj((i) -> {
			int size = 1 + random.nextInt(PipelinesLimits.MAX_MESSAGE_BYTES);
			byte[] message = new byte[size];
			message[0] = (byte) i;
			return message;
		}).toList();
	}

}
