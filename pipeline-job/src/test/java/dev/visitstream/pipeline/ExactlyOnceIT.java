package dev.visitstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitstream.broker.TestKafka;
import dev.visitstream.pipeline.transactions.WriteInTransactions;
import dev.visitstream.visit.DeadLetterHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * --exactlyOnce on the embedded Flink runner against the real broker, read from outside the job
 * with read_committed: nothing is visible before a checkpoint completes, every visit and every dead
 * letter (headers included) is there exactly once, a job without state over a used sink group is
 * refused before it runs, and a crash restored from the latest checkpoint still writes each visit
 * and dead letter once.
 */
class ExactlyOnceIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);

  private KafkaTopics kafka;
  private String input;
  private String out;
  private String dlq;
  private String group;
  private Path checkpoints;

  @BeforeEach
  void topics() throws Exception {
    kafka = new KafkaTopics(TestKafka.bootstrapServers());
    String run = UUID.randomUUID().toString().substring(0, 8);
    input = "visit-" + run;
    out = "out-" + run;
    dlq = "dlq-" + run;
    group = "eos-it-" + run;
    kafka.create(3, input, out, dlq);
    checkpoints = Files.createTempDirectory("eos-checkpoints-");
  }

  @AfterEach
  void close() {
    kafka.close();
  }

  private String[] args(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrapServers=" + kafka.bootstrapServers,
                "--inputTopic=" + input,
                "--outputTopic=" + out,
                "--deadLetterTopic=" + dlq,
                "--groupId=" + group,
                "--windowStats=false",
                "--exactlyOnce=true",
                "--stateBackendStoragePath=" + checkpoints.toUri(),
                "--externalizedCheckpointsEnabled=true",
                "--retainExternalizedCheckpointsOnCancellation=true"));
    args.addAll(Arrays.asList(more));
    return args.toArray(new String[0]);
  }

  private static VisitTraffic traffic(int count, long seed) {
    long firstWindow = Math.floorDiv(System.currentTimeMillis() - 600_000, 10_000L) * 10_000L;
    return VisitTraffic.generate(count, firstWindow, 50, 97, seed);
  }

  @Test
  void outputIsInvisibleUntilItsCheckpointCompletesThenThereExactlyOnce() throws Exception {
    VisitTraffic traffic = traffic(2_000, 3L);
    kafka.produce(input, traffic.records);

    try (EmbeddedJob job = EmbeddedJob.start(args("--checkpointingInterval=2000"));
        KafkaTopics.Reader outReader = kafka.reader(out);
        KafkaTopics.Reader dlqReader = kafka.reader(dlq);
        KafkaTopics.Reader inputReader = kafka.reader(input)) {
      List<ConsumerRecord<byte[], byte[]>> outRecords =
          outReader.until(
              read -> {
                // read first, then ask Flink: a record seen before any completed checkpoint fails
                assertThat(read.isEmpty() || job.completedCheckpoints() > 0)
                    .as("website-out records visible before the first checkpoint completed")
                    .isTrue();
                return read.size() >= traffic.good.size();
              },
              DEADLINE,
              "website-out");
      List<ConsumerRecord<byte[], byte[]>> dead =
          dlqReader.until(read -> read.size() >= traffic.bad.size(), DEADLINE, "website-dlq");
      // a checkpoint interval and more: a record written twice would show by then
      outRecords = outReader.settle(Duration.ofSeconds(3));
      dead = dlqReader.settle(Duration.ofMillis(500));

      assertThat(copies(outRecords, r -> text(r.key())))
          .as("each good visit once in website-out, by key")
          .isEqualTo(once(traffic.good.stream().map(VisitTraffic::outKey)));
      assertThat(copies(dead, ExactlyOnceIT::sourcePosition))
          .as("each malformed record once in website-dlq, by its source position")
          .isEqualTo(once(positions(inputReader, traffic).stream()));

      Map<String, ConsumerRecord<byte[], byte[]>> inputByPosition =
          inputReader.until(r -> r.size() >= traffic.records.size(), DEADLINE, "input").stream()
              .collect(
                  Collectors.toMap(r -> r.partition() + "@" + r.offset(), Function.identity()));
      for (ConsumerRecord<byte[], byte[]> letter : dead) {
        ConsumerRecord<byte[], byte[]> source = inputByPosition.get(sourcePosition(letter));
        assertThat(letter.key()).isEqualTo(source.key());
        assertThat(letter.value()).isEqualTo(source.value());
        assertThat(header(letter, DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(input);
      }
      assertThat(job.counter(PipelineMetrics.WRITTEN)).isEqualTo(traffic.good.size());
    }
  }

  @Test
  void aJobWithoutStateIsRefusedOverAUsedSinkGroupAndWritesNothing() throws Exception {
    kafka.commitProgress(
        WriteInTransactions.sinkGroup(group, out),
        new TopicPartition(out, 0),
        "{\"seq\":41,\"id\":\"an earlier run\"}");
    kafka.produce(input, traffic(100, 5L).records);

    assertThatThrownBy(() -> EmbeddedJob.start(args()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "--exactlyOnce: this job starts without state, but the sink group '"
                + group
                + "."
                + out
                + "' ("
                + out
                + ") of --sinkGroupId '"
                + group
                + "' already holds")
        .hasMessageContaining("flink run -s <path>")
        .hasMessageContaining("new --sinkGroupId");

    assertThat(kafka.endOffsets(out).values()).containsOnly(0L);
    assertThat(kafka.endOffsets(dlq).values()).containsOnly(0L);
    assertThat(kafka.committedOffsets(group)).as("the job never read").isEmpty();
  }

  @Test
  void aCrashRestoredFromTheLatestCheckpointWritesEveryVisitAndDeadLetterOnce() throws Exception {
    VisitTraffic all = traffic(4_000, 9L);
    List<ProducerRecord<byte[], byte[]>> before = all.records.subList(0, 3_000);
    List<ProducerRecord<byte[], byte[]>> after = all.records.subList(3_000, 4_000);
    kafka.produce(input, before);

    try (KafkaTopics.Reader outReader = kafka.reader(out);
        KafkaTopics.Reader dlqReader = kafka.reader(dlq);
        KafkaTopics.Reader inputReader = kafka.reader(input)) {
      try (EmbeddedJob first = EmbeddedJob.start(args("--checkpointingInterval=1000"))) {
        // cancelled while output is still on its way: its latest checkpoint holds some
        outReader.until(read -> !read.isEmpty(), DEADLINE, "the first job's first output");
      }
      List<ConsumerRecord<byte[], byte[]>> beforeRestore = outReader.settle(Duration.ofSeconds(1));

      assertThatThrownBy(() -> EmbeddedJob.start(args()))
          .hasMessageStartingWith(
              "--exactlyOnce: this job starts without state, but the sink group");

      kafka.produce(input, after);
      Path latest = latestCheckpoint();
      try (EmbeddedJob second = EmbeddedJob.restore(latest, args("--checkpointingInterval=1000"))) {
        List<String> goodKeys =
            all.good.stream().map(VisitTraffic::outKey).collect(Collectors.toList());
        List<String> badPositions = positions(inputReader, all);
        outReader.until(
            read -> keys(read, r -> text(r.key())).containsAll(goodKeys), DEADLINE, "every visit");
        dlqReader.until(
            read -> keys(read, ExactlyOnceIT::sourcePosition).containsAll(badPositions),
            DEADLINE,
            "every dead letter");
        List<ConsumerRecord<byte[], byte[]>> records = outReader.settle(Duration.ofSeconds(3));
        List<ConsumerRecord<byte[], byte[]>> letters = dlqReader.settle(Duration.ofSeconds(1));

        System.out.printf(
            "restore of %s: %d visits, %d visible before the restore%n",
            latest, all.good.size(), beforeRestore.size());
        assertThat(copies(records, r -> text(r.key())))
            .as("each visit once, before the crash or after the restore")
            .isEqualTo(once(goodKeys.stream()));
        assertThat(copies(letters, ExactlyOnceIT::sourcePosition))
            .as("each malformed record once")
            .isEqualTo(once(badPositions.stream()));
      }
    }
  }

  /** The newest complete checkpoint the cancelled job retained: only the latest is exact. */
  private Path latestCheckpoint() throws IOException {
    try (Stream<Path> files = Files.walk(checkpoints, 2)) {
      return files
          .filter(dir -> dir.getFileName().toString().startsWith("chk-"))
          .filter(dir -> Files.exists(dir.resolve("_metadata")))
          .max(
              Comparator.comparingLong(
                  dir -> Long.parseLong(dir.getFileName().toString().substring(4))))
          .orElseThrow(() -> new AssertionError("no retained checkpoint under " + checkpoints));
    }
  }

  /** Where in the input each malformed record of the traffic sits (partition@offset). */
  private List<String> positions(KafkaTopics.Reader inputReader, VisitTraffic traffic)
      throws Exception {
    List<byte[]> badValues =
        traffic.bad.stream().map(ProducerRecord::value).collect(Collectors.toList());
    return inputReader.until(r -> r.size() >= traffic.records.size(), DEADLINE, "input").stream()
        .filter(r -> badValues.stream().anyMatch(v -> Arrays.equals(v, r.value())))
        .map(r -> r.partition() + "@" + r.offset())
        .collect(Collectors.toList());
  }

  private static Map<String, Long> copies(
      List<ConsumerRecord<byte[], byte[]>> records,
      Function<ConsumerRecord<byte[], byte[]>, String> id) {
    return records.stream().collect(Collectors.groupingBy(id, Collectors.counting()));
  }

  private static List<String> keys(
      List<ConsumerRecord<byte[], byte[]>> records,
      Function<ConsumerRecord<byte[], byte[]>, String> id) {
    return records.stream().map(id).collect(Collectors.toList());
  }

  private static Map<String, Long> once(Stream<String> ids) {
    return ids.collect(Collectors.toMap(Function.identity(), id -> 1L));
  }

  private static String sourcePosition(ConsumerRecord<byte[], byte[]> letter) {
    return header(letter, DeadLetterHeaders.SOURCE_PARTITION)
        + "@"
        + header(letter, DeadLetterHeaders.SOURCE_OFFSET);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : text(header.value());
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
