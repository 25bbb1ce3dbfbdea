package dev.visitstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitstream.pipeline.LaunchDefaults.Launch;
import dev.visitstream.pipeline.keyed.WriteKeyedOutput;
import dev.visitstream.pipeline.keyed.WriteKeyedOutputInTransactions;
import dev.visitstream.pipeline.transactions.WriteInTransactions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.PTransform;
import org.junit.jupiter.api.Test;

/** Options: the job's defaults, and a bad option stopping the job at start, named. */
class VisitPipelineOptionsTest {

  private static VisitPipelineOptions options(String... args) {
    return VisitPipeline.options(args);
  }

  @Test
  void defaultsFollowTheContractsAndTheMeasuredRunnerSettings() {
    VisitPipelineOptions options = options("--flinkMaster=[local]");

    assertThat(options.getRunner().getSimpleName()).isEqualTo("FlinkRunner");
    assertThat(options.isStreaming()).isTrue();
    assertThat(options.getJobName()).isEqualTo("visit-stream");
    assertThat(options.getInputTopic()).isEqualTo("website-visit");
    assertThat(options.getOutputTopic()).isEqualTo("website-out");
    assertThat(options.getStatsTopic()).isEqualTo("website-stats");
    assertThat(options.getDeadLetterTopic()).isEqualTo("website-dlq");
    assertThat(options.getGroupId()).isEqualTo("visit-stream-pipeline");
    assertThat(options.getStartFrom()).isEqualTo("committed");
    assertThat(options.getCheckpointingInterval()).isEqualTo(5000L);
    assertThat(options.getFailOnCheckpointingErrors()).isFalse();
    assertThat(options.getFasterCopy()).isFalse();
    assertThat(options.getObjectReuse()).isTrue();
    assertThat(options.getMaxBundleSize()).isEqualTo(10_000L);
    assertThat(options.getMaxBundleTimeMills()).isEqualTo(1000L);
    assertThat(options.getKafkaReaderMetrics()).isFalse();
    assertThat(options.getWindowStats()).isTrue();
    assertThat(options.getExactlyOnce()).isFalse();
    assertThat(options.getSinkGroupId()).isEqualTo("visit-stream-pipeline");
    assertThat(options.getSinkShards()).isEqualTo(1);
    assertThat(options.getParallelism()).isEqualTo(1);
    assertThat(options.getStateBackend()).isEqualTo("filesystem");
    assertThat(options.getStateBackendStoragePath())
        .startsWith("file:/")
        .endsWith("visit-stream-checkpoints");
    String env = System.getenv("BOOTSTRAP_SERVERS");
    assertThat(options.getBootstrapServers())
        .isEqualTo(env == null || env.isBlank() ? "localhost:9092" : env);
  }

  @Test
  void givenOptionsWinOverTheJobDefaults() {
    VisitPipelineOptions options =
        options(
            "--flinkMaster=[local]", "--maxBundleSize=5", "--parallelism=2", "--objectReuse=false");

    assertThat(options.getMaxBundleSize()).isEqualTo(5L);
    assertThat(options.getParallelism()).isEqualTo(2);
    assertThat(options.getObjectReuse()).isFalse();
  }

  @Test
  void withoutWindowStatsTheJobWritesOnlyKeyedOutputAndDeadLetters() {
    assertThat(JobGraph.steps("--flinkMaster=[local]").keySet())
        .contains(
            "KeyedOutput",
            "WriteKeyedOutput",
            "WindowStats",
            "WriteWindowStats",
            "WriteDeadLetters");
    assertThat(JobGraph.steps("--flinkMaster=[local]", "--windowStats=false").keySet())
        .contains("KeyedOutput", "WriteKeyedOutput", "WriteDeadLetters")
        .doesNotContain("WindowStats", "WriteWindowStats");
  }

  @Test
  void theKafkaReadAlwaysGoesThroughTheReadOnceSourceUnderItsStepName() {
    String kafkaRead =
        "ReadVisits/KafkaRead/KafkaIO.Read.ReadFromKafkaViaUnbounded/Read(KafkaUnboundedSource)";
    assertThat(unboundedReads("--flinkMaster=[local]"))
        .containsExactly(kafkaRead + " reads ReadOnceSource");
    assertThat(unboundedReads("--flinkMaster=[local]", "--kafkaReaderMetrics=true"))
        .containsExactly(kafkaRead + " reads ReadOnceSource");
  }

  private static List<String> unboundedReads(String... args) {
    return JobGraph.steps(args).entrySet().stream()
        .filter(step -> step.getValue() instanceof Read.Unbounded)
        .map(
            step ->
                step.getKey()
                    + " reads "
                    + ((Read.Unbounded<?>) step.getValue()).getSource().getClass().getSimpleName())
        .collect(Collectors.toList());
  }

  @Test
  void theSqlStepsAreNamedTheSameHoweverManyQueriesThisJvmPlannedBefore() {
    // Flink keeps a step's state in a savepoint under the step's name.
    Set<String> first = JobGraph.steps("--flinkMaster=[local]").keySet();
    Set<String> again = JobGraph.steps("--flinkMaster=[local]").keySet();
    Set<String> otherKeyedOutput =
        JobGraph.steps(
                "--flinkMaster=[local]",
                "--sql=SELECT id AS event_id, event_ts, ip, lat, lng, user_agent, age_bracket,"
                    + " opted_into_marketing, http_request, http_response, file_size_bytes,"
                    + " event_datetime FROM PCOLLECTION WHERE http_response >= 400")
            .keySet();

    assertThat(again).isEqualTo(first);
    assertThat(statsSteps(otherKeyedOutput)).isEqualTo(statsSteps(first)).isNotEmpty();
  }

  private static Set<String> statsSteps(Set<String> steps) {
    return steps.stream()
        .filter(step -> step.startsWith("WindowStats/"))
        .collect(Collectors.toSet());
  }

  @Test
  void aDetachedClusterSubmissionIsNotAttached() {
    assertThat(LaunchDefaults.apply(new String[0], Launch.CLUSTER_DETACHED))
        .contains("--attachedMode=false")
        .noneMatch(arg -> arg.startsWith("--parallelism"));
    assertThat(LaunchDefaults.apply(new String[0], Launch.CLUSTER_ATTACHED))
        .noneMatch(arg -> arg.startsWith("--attachedMode") || arg.startsWith("--parallelism"));
    assertThat(LaunchDefaults.apply(new String[] {"--attachedMode=true"}, Launch.CLUSTER_DETACHED))
        .containsOnlyOnce("--attachedMode=true")
        .doesNotContain("--attachedMode=false");
  }

  @Test
  void anUnknownStartFromIsNamed() {
    assertThatThrownBy(() -> options("--startFrom=beginning"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--startFrom must be one of earliest, latest, committed, got 'beginning'");
  }

  @Test
  void negativeDelaysAreNamed() {
    assertThatThrownBy(() -> options("--maxEventDelaySeconds=-1"))
        .hasMessage("--maxEventDelaySeconds must be 0 or more, got -1");
    assertThatThrownBy(() -> options("--allowedLatenessSeconds=-3"))
        .hasMessage("--allowedLatenessSeconds must be 0 or more, got -3");
  }

  @Test
  void writingToTheInputTopicIsRefused() {
    assertThatThrownBy(() -> options("--deadLetterTopic=website-visit"))
        .hasMessageStartingWith(
            "--deadLetterTopic must differ from --inputTopic ('website-visit')");
  }

  @Test
  void emptyValuesAreNamed() {
    assertThatThrownBy(() -> options("--bootstrapServers="))
        .hasMessage("--bootstrapServers must not be empty");
    assertThatThrownBy(() -> options("--outputTopic= "))
        .hasMessage("--outputTopic must not be empty");
  }

  @Test
  void checkpointingCannotBeTurnedOffBecauseOffsetsAreCommittedThere() {
    assertThatThrownBy(() -> options("--checkpointingInterval=-1"))
        .hasMessageStartingWith("--checkpointingInterval must be more than 0 ms, got -1");
  }

  @Test
  void exactlyOnceWritesKeyedOutputAndDeadLettersInTransactionsAndTheStatsAsBefore() {
    Map<String, PTransform<?, ?>> steps =
        JobGraph.steps(
            "--flinkMaster=[local]", "--exactlyOnce=true", "--groupId=g", "--sinkShards=2");
    assertThat(steps.get("WriteKeyedOutput")).isInstanceOf(WriteKeyedOutputInTransactions.class);
    assertThat(steps.get("WriteDeadLetters/WriteInTransactions"))
        .isInstanceOf(WriteInTransactions.class);
    assertThat(steps.keySet())
        .contains("WriteKeyedOutput/WriteInTransactions/KafkaWrite", "WriteWindowStats/KafkaWrite")
        .anyMatch(
            step ->
                step.startsWith("WriteKeyedOutput/WriteInTransactions/KafkaWrite/")
                    && step.endsWith("Shuffle across 2 shards"));
    assertThat(JobGraph.steps("--flinkMaster=[local]").get("WriteKeyedOutput"))
        .isInstanceOf(WriteKeyedOutput.class);
  }

  @Test
  void theSinkGroupsFollowTheConsumerGroupOneGroupPerTopic() {
    assertThat(options("--groupId=orders").getSinkGroupId()).isEqualTo("orders");
    assertThat(options("--groupId=orders", "--sinkGroupId=orders-v2").getSinkGroupId())
        .isEqualTo("orders-v2");
    assertThat(WriteInTransactions.sinkGroup("orders", "website-out"))
        .isEqualTo("orders.website-out");
  }

  @Test
  void exactlyOnceRefusesCheckpointsThatAreNotExactlyOnce() {
    assertThatThrownBy(() -> options("--exactlyOnce=true", "--checkpointingMode=AT_LEAST_ONCE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "--exactlyOnce=true needs --checkpointingMode=EXACTLY_ONCE, got AT_LEAST_ONCE");
    assertThatThrownBy(() -> options("--exactlyOnce=true", "--checkpointingInterval=0"))
        .hasMessageStartingWith("--checkpointingInterval must be more than 0 ms, got 0");
    assertThatThrownBy(() -> options("--exactlyOnce=true", "--sinkShards=0"))
        .hasMessage("--sinkShards must be 1 or more with --exactlyOnce=true, got 0");
    assertThatThrownBy(() -> options("--exactlyOnce=true", "--sinkGroupId= "))
        .hasMessage("--sinkGroupId must not be empty");
    assertThat(options("--checkpointingMode=AT_LEAST_ONCE").getExactlyOnce()).isFalse();
  }

  @Test
  void fasterCopyIsRefusedBecauseItCorruptsTheStatsCheckpoints() {
    assertThatThrownBy(() -> options("--fasterCopy=true"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--fasterCopy=true is not supported");
  }

  @Test
  void sqlAndSqlFileExcludeEachOther() {
    assertThatThrownBy(() -> options("--sql=SELECT 1", "--sqlFile=/tmp/q.sql"))
        .hasMessage("--sql and --sqlFile exclude each other: give one of them");
  }

  @Test
  void anUnknownOptionIsRefusedByBeamNamingIt() {
    assertThatThrownBy(() -> options("--bootstrapServer=x:9092"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServer");
  }
}
