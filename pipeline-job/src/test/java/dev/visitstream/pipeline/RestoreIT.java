package dev.visitstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.visitstream.broker.TestKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restores of the job on a real Flink cluster (a MiniCluster with two slots, the job submitted to
 * its REST address as to any session cluster) at parallelism 2, counted per key by readers outside
 * the pipeline: after stop-with-savepoint and a restore with a changed option, every visit once;
 * after a crash and a restore from the latest retained checkpoint, nothing lost and only what came
 * after that checkpoint written again. Either way each Kafka split has one consumer afterwards.
 */
class RestoreIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final int PARALLELISM = 2;

  /** KafkaIO's reader polls Kafka on a thread of this name, one per split. */
  private static final String KAFKA_POLL_THREAD = "KafkaConsumerPoll-thread";

  private static MiniCluster cluster;
  private static Path state;
  private static Path emptyJar;

  private KafkaTopics kafka;
  private String run;
  private String input;
  private String out;
  private String dlq;
  private long nextEventTs = System.currentTimeMillis() - 3_600_000;
  private int seed;

  @BeforeAll
  static void startCluster() throws Exception {
    state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restore-it-");
    Configuration config = new Configuration();
    config.set(RestOptions.BIND_PORT, "0");
    config.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    config.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        state.resolve("checkpoints").toUri().toString());
    config.set(
        CheckpointingOptions.SAVEPOINT_DIRECTORY, state.resolve("savepoints").toUri().toString());
    cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(PARALLELISM)
                .build());
    cluster.start();
    // The job's classes are on this JVM's class path, which the cluster's user code loader falls
    // back to: the submission ships a jar with nothing in it.
    emptyJar = state.resolve("empty.jar");
    try (OutputStream jar = new JarOutputStream(Files.newOutputStream(emptyJar), new Manifest())) {
      jar.flush();
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void topics() throws Exception {
    kafka = new KafkaTopics(TestKafka.bootstrapServers());
    run = UUID.randomUUID().toString().substring(0, 8);
    input = "visit-" + run;
    out = "out-" + run;
    dlq = "dlq-" + run;
    kafka.create(3, input, out, "stats-" + run, dlq);
  }

  @AfterEach
  void cancelJobsAndClose() throws Exception {
    for (JobStatusMessage job : cluster.listJobs().get()) {
      if (!job.getJobState().isGloballyTerminalState()) {
        cancel(job.getJobId());
      }
    }
    kafka.close();
  }

  @Test
  void stopWithSavepointThenRestoreWithAChangedOptionWritesEveryVisitOnce() throws Exception {
    List<VisitTraffic> sent = new ArrayList<>();
    JobID first = submit(Optional.empty());
    sent.add(produce(2_000));
    awaitGoodVisits(sent);
    long consumers = kafkaPollThreads(); // one per split

    String savepoint =
        cluster
            .stopWithSavepoint(
                first, state.resolve("savepoints").toString(), false, SavepointFormatType.CANONICAL)
            .get();
    awaitTerminal(first);
    sent.add(produce(2_000)); // while no job runs

    submit(Optional.of(savepoint), "--maxBundleSize=500");
    sent.add(produce(2_000));
    Map<String, Integer> outCounts = awaitGoodVisits(sent);

    assertThat(duplicates(outCounts)).as("visits written more than once").isEmpty();
    assertThat(deadLetterCounts(sent).values()).allMatch(count -> count == 1);
    assertThat(kafkaPollThreads()).as("Kafka consumers of the restored job").isEqualTo(consumers);
  }

  @Test
  void aCrashRestoredFromTheLatestRetainedCheckpointRewritesOnlyWhatCameAfterIt() throws Exception {
    List<VisitTraffic> sent = new ArrayList<>();
    JobID crashed = submit(Optional.empty());
    sent.add(produce(2_000));
    awaitGoodVisits(sent);
    long consumers = kafkaPollThreads(); // one per split
    VisitTraffic inFlight = produce(20_000);
    sent.add(inFlight);
    int before = sent.get(0).good.size();
    try (KafkaTopics.Reader outReader = kafka.reader(out)) {
      outReader.until(
          r -> r.size() >= before + 500, DEADLINE, "the first records of the second batch");
    }

    cluster.cancelJob(crashed).get(); // no final checkpoint: as a crash
    awaitTerminal(crashed);
    Map<TopicPartition, Long> committed = kafka.committedOffsets(group());
    Path checkpoint = latestRetainedCheckpoint(crashed);

    submit(Optional.of(checkpoint.toString()));
    VisitTraffic afterRestore = produce(2_000);
    sent.add(afterRestore);
    Map<String, Integer> outCounts = awaitGoodVisits(sent);

    Map<String, TopicPartition> partitionOfKey = new HashMap<>();
    Map<String, Long> offsetOfKey = new HashMap<>();
    try (KafkaTopics.Reader inputReader = kafka.reader(input)) {
      int total = sent.stream().mapToInt(t -> t.records.size()).sum();
      for (ConsumerRecord<byte[], byte[]> record :
          inputReader.until(r -> r.size() >= total, DEADLINE, "the input")) {
        String key = outKeyOf(record);
        if (key != null) {
          partitionOfKey.put(key, new TopicPartition(record.topic(), record.partition()));
          offsetOfKey.put(key, record.offset());
        }
      }
    }
    List<String> rewritten = duplicates(outCounts);
    System.out.printf(
        "crash restore: %d visits, %d written twice, committed offsets at the crash %s%n",
        outCounts.size(), rewritten.size(), committed);
    for (String key : rewritten) {
      assertThat(offsetOfKey.get(key))
          .as("input offset of %s, written twice", key)
          .isGreaterThanOrEqualTo(committed.getOrDefault(partitionOfKey.get(key), 0L));
    }
    assertThat(afterRestore.good).allMatch(visit -> outCounts.get(VisitTraffic.outKey(visit)) == 1);
    assertThat(kafkaPollThreads()).as("Kafka consumers of the restored job").isEqualTo(consumers);
  }

  private String group() {
    return "restore-it-" + run;
  }

  private JobID submit(Optional<String> restoreFrom, String... moreOptions) throws Exception {
    String jobName = "restore-it-" + run + "-" + UUID.randomUUID().toString().substring(0, 4);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--flinkMaster=localhost:" + cluster.getRestAddress().get().getPort(),
                "--filesToStage=" + emptyJar,
                "--attachedMode=false",
                "--parallelism=" + PARALLELISM,
                "--jobName=" + jobName,
                "--bootstrapServers=" + kafka.bootstrapServers,
                "--inputTopic=" + input,
                "--outputTopic=" + out,
                "--statsTopic=stats-" + run,
                "--deadLetterTopic=" + dlq,
                "--groupId=" + group(),
                "--checkpointingInterval=500",
                "--externalizedCheckpointsEnabled=true",
                "--retainExternalizedCheckpointsOnCancellation=true",
                "--allowedLatenessSeconds=3600"));
    restoreFrom.ifPresent(path -> args.add("--savepointPath=" + path));
    args.addAll(List.of(moreOptions));
    VisitPipeline.run(args.toArray(new String[0]));
    JobID job =
        await("job " + jobName + " running")
            .atMost(DEADLINE)
            .until(() -> jobNamed(jobName, JobStatus.RUNNING), Optional::isPresent)
            .orElseThrow();
    return job;
  }

  private Optional<JobID> jobNamed(String name, JobStatus status) throws Exception {
    return cluster.listJobs().get().stream()
        .filter(job -> job.getJobName().equals(name) && job.getJobState() == status)
        .map(JobStatusMessage::getJobId)
        .findFirst();
  }

  private void awaitTerminal(JobID job) {
    await("job " + job + " ended")
        .atMost(DEADLINE)
        .until(() -> cluster.getJobStatus(job).get().isGloballyTerminalState());
    // its readers close when its tasks end
    await("the ended job's Kafka consumers closed")
        .atMost(DEADLINE)
        .until(() -> kafkaPollThreads() == 0);
  }

  private void cancel(JobID job) throws Exception {
    cluster.cancelJob(job).get();
    awaitTerminal(job);
  }

  private VisitTraffic produce(int count) throws Exception {
    VisitTraffic traffic = VisitTraffic.generate(count, nextEventTs, 3, 97, seed++);
    nextEventTs += count * 3L;
    kafka.produce(input, traffic.records);
    return traffic;
  }

  /** Waits until every good visit sent is in website-out, then counts each key a while longer. */
  private Map<String, Integer> awaitGoodVisits(List<VisitTraffic> sent) throws Exception {
    List<String> expected =
        sent.stream()
            .flatMap(traffic -> traffic.good.stream())
            .map(VisitTraffic::outKey)
            .collect(Collectors.toList());
    try (KafkaTopics.Reader outReader = kafka.reader(out)) {
      outReader.until(
          records -> counts(records).keySet().containsAll(expected), DEADLINE, "every good visit");
      Map<String, Integer> counts = counts(outReader.settle(Duration.ofSeconds(3)));
      assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
      return counts;
    }
  }

  private Map<String, Integer> deadLetterCounts(List<VisitTraffic> sent) throws Exception {
    int bad = sent.stream().mapToInt(traffic -> traffic.bad.size()).sum();
    try (KafkaTopics.Reader dlqReader = kafka.reader(dlq)) {
      dlqReader.until(r -> r.size() >= bad, DEADLINE, "every dead letter");
      Map<String, Integer> counts = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> letter : dlqReader.settle(Duration.ofSeconds(2))) {
        counts.merge(
            header(letter, "dlq.source.partition") + "@" + header(letter, "dlq.source.offset"),
            1,
            Integer::sum);
      }
      assertThat(counts).hasSize(bad);
      return counts;
    }
  }

  private static Map<String, Integer> counts(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, Integer> counts = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      counts.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
    }
    return counts;
  }

  private static List<String> duplicates(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey)
        .collect(Collectors.toList());
  }

  /** The website-out key of an input record that is a good visit, else null. */
  private static String outKeyOf(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    try {
      var json = VisitTraffic.json(record.value());
      if (!json.path("id").isTextual() || !json.path("event_ts").isIntegralNumber()) {
        return null;
      }
      return "{\"event_id\":"
          + json.get("id")
          + ",\"event_ts\":"
          + json.get("event_ts").asLong()
          + "}";
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static long kafkaPollThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().equals(KAFKA_POLL_THREAD))
        .count();
  }

  private Path latestRetainedCheckpoint(JobID job) throws IOException {
    try (Stream<Path> checkpoints =
        Files.list(state.resolve("checkpoints").resolve(job.toString()))) {
      return checkpoints
          .filter(dir -> dir.getFileName().toString().startsWith("chk-"))
          .filter(dir -> Files.exists(dir.resolve("_metadata")))
          .max(
              Comparator.comparingLong(
                  dir -> Long.parseLong(dir.getFileName().toString().substring(4))))
          .orElseThrow(() -> new AssertionError("no retained checkpoint of job " + job));
    }
  }
}
