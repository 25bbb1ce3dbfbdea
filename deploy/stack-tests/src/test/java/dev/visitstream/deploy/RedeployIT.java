package dev.visitstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ways to redeploy the job, proven on the real local stack while traffic flows and piles up
 * while no job runs, counted per source record by a reader outside the pipeline:
 *
 * <ul>
 *   <li>{@code deploy/stack upgrade} with a new jar version and a changed option (stop with a
 *       savepoint, then the new job restored from it): nothing lost, nothing written twice;
 *   <li>{@code deploy/stack savepoint --stop}, then {@code deploy/stack restore} (the newest
 *       savepoint): nothing lost, nothing written twice;
 *   <li>the stateless fallback, cancel ({@code down job}) and {@code up job}: the new job resumes
 *       from the offsets its group committed at the last checkpoint, so what it writes twice lies
 *       between those offsets and the end of the input at the stop.
 * </ul>
 */
class RedeployIT {

  static final int RATE = 250;
  static final int CHECKPOINT_MS = 2000;

  /** Checkpoints every 2 s; -Dstack.pipelineArgs=... adds pipeline options (e.g. to try a fix). */
  static final Map<String, String> CHECKPOINTS =
      Map.of(
          "PIPELINE_ARGS",
          ("--checkpointingInterval="
                  + CHECKPOINT_MS
                  + " "
                  + System.getProperty("stack.pipelineArgs", ""))
              .trim());

  /** Records that pile up on website-visit while no job runs. */
  static final int BACKLOG = 1000;

  static final Duration DEADLINE = Duration.ofMinutes(3);

  /**
   * One redeploy: the records the new job may read again, from the committed offsets to the end at
   * the stop.
   */
  record Redeploy(String what, OffsetRange reread) {}

  static LocalStack stack;
  static String bootstrapServers;
  static Traffic traffic;
  static PipelineProgress pipeline;

  @BeforeAll
  static void upTheStackWithoutDashboard() throws Exception {
    stack = LocalStack.create("redeploy-", 26500, 27000, 27500);
    bootstrapServers = "localhost:" + stack.port(9092);
    traffic = new Traffic("http://localhost:" + stack.port(8080));
    pipeline = new PipelineProgress(bootstrapServers);
    stack.up(CHECKPOINTS, "kafka", "flink", "generator", "job");
  }

  @AfterAll
  static void downTheStack() throws Exception {
    if (stack != null) {
      stack.tearDown();
    }
  }

  @Test
  void savepointUpgradesAndRestoresWriteNothingTwiceAndAStatelessResubmissionOnlyItsLastCheckpoint()
      throws Exception {
    traffic.configure(RATE, 0.02, 500, 20261125);
    traffic.start();
    pipeline.awaitInput(1000, DEADLINE);
    pipeline.awaitCaughtUp("the first job", DEADLINE);

    Path newVersion = stack.dir.resolve("pipeline-job-0.2.0-SNAPSHOT.jar");
    Files.copy(RepositoryFiles.path("pipeline-job/target/pipeline-job.jar"), newVersion);
    Map<String, String> upgraded = new HashMap<>(CHECKPOINTS);
    upgraded.put("PIPELINE_JAR", newVersion.toString());
    upgraded.put("PIPELINE_ARGS", upgraded.get("PIPELINE_ARGS") + " --maxBundleSize=500");

    List<Redeploy> redeploys = new ArrayList<>();
    redeploys.add(
        upgrade(
            "deploy/stack upgrade to " + newVersion.getFileName() + " with --maxBundleSize=500",
            upgraded));
    redeploys.add(
        stopThenStart(
            "deploy/stack savepoint --stop, then restore",
            RedeployIT::stopWithSavepoint,
            upgraded,
            "restore"));
    redeploys.add(
        stopThenStart(
            "down job (cancel), then up job: from the committed offsets",
            RedeployIT::cancel,
            upgraded,
            "up",
            "job"));

    traffic.stop();
    pipeline.awaitDrained(DEADLINE);
    DeliveryAudit audit = DeliveryAudit.read(bootstrapServers);

    List<String> duplicated = audit.duplicatedPositions();
    for (Redeploy redeploy : redeploys) {
      System.out.printf(
          "redeploy (%s): may write again %d records; written twice %d%n",
          redeploy.what(), redeploy.reread().size(), redeploy.reread().count(duplicated));
    }
    System.out.printf("redeploys %d; %s%n", redeploys.size(), audit.summary());

    assertThat(audit.lostGood()).as("good visits of website-visit missing in website-out").isZero();
    assertThat(audit.lostBad())
        .as("malformed records of website-visit missing in website-dlq")
        .isZero();
    assertThat(audit.unexpected())
        .as("records of website-out or website-dlq with no source in website-visit")
        .isZero();
    // only the stateless resubmission may write again, and only what came after its committed
    // offsets
    assertThat(duplicated)
        .as("records written twice outside the stateless resubmission's re-read window")
        .allSatisfy(
            position ->
                assertThat(redeploys.stream().anyMatch(r -> r.reread().contains(position)))
                    .as("%s lies in a re-read window", position)
                    .isTrue());
  }

  interface Stop {
    void stop() throws Exception;
  }

  /** deploy/stack upgrade while traffic flows: the new job starts from the old one's savepoint. */
  private static Redeploy upgrade(String what, Map<String, String> settings) throws Exception {
    Map<TopicPartition, Long> end =
        TopicRecords.endOffsets(bootstrapServers, PipelineProgress.INPUT);
    LocalStack.Result upgrade = stack.run(settings, "upgrade");
    assertThat(upgrade.exit()).as(upgrade.output()).isZero();
    pipeline.awaitCaughtUp("after " + what, DEADLINE);
    return new Redeploy(what, new OffsetRange(end, end));
  }

  /**
   * The job stops, traffic piles up while none runs, then a deploy/stack command starts it again:
   * from a savepoint nothing is read twice; without state, what lies between the offsets the group
   * committed and the end of the input at the stop may be.
   */
  private static Redeploy stopThenStart(
      String what, Stop stop, Map<String, String> settings, String... start) throws Exception {
    stop.stop();
    Map<TopicPartition, Long> committed = pipeline.committed();
    Map<TopicPartition, Long> endAtStop =
        TopicRecords.endOffsets(bootstrapServers, PipelineProgress.INPUT);
    pipeline.awaitInput(PipelineProgress.total(endAtStop) + BACKLOG, DEADLINE);

    long begin = System.nanoTime();
    LocalStack.Result started = stack.run(settings, start);
    assertThat(started.exit()).as(started.output()).isZero();
    pipeline.awaitCaughtUp("after " + what, DEADLINE);
    System.out.printf(
        "redeploy (%s): job stopped with the group at %d, website-visit at %d; started again "
            + "after %d more; caught up %d s later%n",
        what,
        PipelineProgress.total(committed),
        PipelineProgress.total(endAtStop),
        BACKLOG,
        Duration.ofNanos(System.nanoTime() - begin).toSeconds());
    boolean stateless = start[0].equals("up");
    return new Redeploy(
        what,
        stateless ? new OffsetRange(committed, endAtStop) : new OffsetRange(endAtStop, endAtStop));
  }

  /**
   * deploy/stack down job: Flink cancels the job; the group keeps the offsets of its last
   * checkpoint.
   */
  private static void cancel() throws Exception {
    LocalStack.Result down = stack.run("down", "job");
    assertThat(down.exit()).as(down.output()).isZero();
    assertThat(down.output()).contains("cancelled");
  }

  /** deploy/stack savepoint --stop: Flink's stop-with-savepoint; the job then ends. */
  private static void stopWithSavepoint() throws Exception {
    LocalStack.Result stop = stack.run("savepoint", "--stop");
    assertThat(stop.exit()).as(stop.output()).isZero();
    assertThat(stop.output()).contains("savepoint: ");
  }
}
