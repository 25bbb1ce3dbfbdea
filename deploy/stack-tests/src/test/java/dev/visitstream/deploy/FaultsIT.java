package dev.visitstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.visit.VisitTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9, one at a time, of the processes of the real local stack while the generator sends a
 * steady stream with malformed records among it. Each comes back with deploy/stack up of its part
 * alone; after the JobManager, the new leader recovers the job by itself through ZooKeeper HA (same
 * job id, nothing submitted again). The job must be processing and checkpointing again before the
 * next fault. When the stream has drained, a reader outside the pipeline (read_committed) finds
 * every record website-visit holds in website-out (good) or website-dlq (malformed):
 *
 * <ul>
 *   <li>at least once (the default): every part killed, the TaskManager, the JobManager, ZooKeeper,
 *       the Kafka broker, the dashboard and the generator; lost 0, and what is written twice lies
 *       between the offsets committed at a kill and the input's end when the job had caught up
 *       again;
 *   <li>exactly once ({@code --exactlyOnce=true}): the TaskManager, the JobManager and the Kafka
 *       broker killed; lost 0 and written twice 0.
 * </ul>
 */
class FaultsIT {

  /** Checkpoints every 2 s; -Dstack.pipelineArgs=... adds pipeline options (e.g. to try a fix). */
  static final String CHECKPOINTS =
      ("--checkpointingInterval=2000 " + System.getProperty("stack.pipelineArgs", "")).trim();

  static final int RATE = 250;
  static final double MALFORMED_SHARE = 0.02;

  /** Generous: catching up after a fault takes minutes on a machine shared with builds. */
  static final Duration RECOVERY = Duration.ofMinutes(6);

  /** One kill -9 and the parts of deploy/stack that bring the stack back. */
  record Fault(String process, String... parts) {}

  /** A delivery mode of the job, its options, and the processes killed under it. */
  enum Mode {
    AT_LEAST_ONCE(
        "",
        List.of(
            new Fault("taskmanager", "flink"),
            new Fault("jobmanager", "flink"),
            new Fault("zookeeper", "zookeeper"),
            new Fault("kafka", "kafka"),
            new Fault("dashboard", "dashboard"),
            new Fault("generator", "generator"))),
    EXACTLY_ONCE(
        "--exactlyOnce=true",
        List.of(
            new Fault("taskmanager", "flink"),
            new Fault("jobmanager", "flink"),
            new Fault("kafka", "kafka")));

    final String pipelineArgs;
    final List<Fault> faults;

    Mode(String options, List<Fault> faults) {
      this.pipelineArgs = (CHECKPOINTS + " " + options).trim();
      this.faults = faults;
    }
  }

  LocalStack stack;
  String bootstrapServers;
  String dashboard;
  Traffic traffic;
  PipelineProgress pipeline;
  String flink;

  @AfterEach
  void downTheWholeStack() throws Exception {
    if (stack != null) {
      stack.tearDown();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void killNineOfEachPartOneAtATimeLosesNoRecord(Mode mode) throws Exception {
    stack = LocalStack.create("faults-", 25000, 25500, 26000);
    bootstrapServers = "localhost:" + stack.port(9092);
    dashboard = "http://localhost:" + stack.port(8082);
    flink = "http://localhost:" + stack.port(8081);
    traffic = new Traffic("http://localhost:" + stack.port(8080));
    pipeline = new PipelineProgress(bootstrapServers);
    Map<String, String> settings = Map.of("PIPELINE_ARGS", mode.pipelineArgs);
    stack.up(settings);

    long seed = 20261124;
    traffic.configure(RATE, MALFORMED_SHARE, 500, seed);
    traffic.start();
    pipeline.awaitInput(1000, RECOVERY);
    pipeline.awaitCaughtUp("before any fault", RECOVERY);

    Map<String, OffsetRange> rereads = new LinkedHashMap<>();
    for (Fault fault : mode.faults) {
      // what the job has checkpointed when the fault strikes: the most it may read again
      Map<TopicPartition, Long> committed = pipeline.committed();
      String jobBefore = theJob();
      Optional<Long> jobManager = pid(stack.dir.resolve("run/jobmanager.pid"));
      Map<TopicPartition, Long> outBeforeKill =
          TopicRecords.endOffsets(bootstrapServers, VisitTopics.OUT);
      long start = System.nanoTime();
      long killedAt = System.currentTimeMillis();
      long pid = killNine(fault.process());
      stack.up(settings, fault.parts());
      if (fault.process().equals("jobmanager")) {
        // right after "up flink" the new leader is still restoring the job: "up job" must find it
        assertThat(stack.up(settings, "job").output())
            .contains("job: visit-stream already submitted (jid " + jobBefore);
      }
      if (fault.process().equals("generator")) {
        // a new generator process starts idle with its default settings; a new seed, so that
        // its visits are not the ones the killed process already sent
        traffic.configure(RATE, MALFORMED_SHARE, 500, ++seed);
        traffic.start();
      }
      if (fault.process().equals("zookeeper")) {
        // The JobManager process rides out a ZooKeeper restart. Its leadership survives one that
        // is shorter than the session; a longer one (a loaded machine) revokes it, and the same
        // process is elected again and recovers the job: 503 "leader election" meanwhile.
        Polling.awaitTrue(
            "the job is running after the ZooKeeper restart",
            RECOVERY,
            () ->
                Http.send("GET", flink + "/jobs/" + jobBefore, null)
                    .body()
                    .contains("\"state\":\"RUNNING\""));
        assertThat(jobManager.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive))
            .as("the JobManager that ran before ZooKeeper was killed")
            .contains(true);
      }
      if (fault.process().equals("dashboard")) {
        Polling.awaitTrue(
            "the new dashboard owns every partition of website-out and website-dlq",
            RECOVERY,
            () ->
                assignedPartitions()
                    .containsAll(
                        Set.of(
                            VisitTopics.OUT + "-0",
                            VisitTopics.OUT + "-1",
                            VisitTopics.OUT + "-2",
                            VisitTopics.DEAD_LETTERS + "-0",
                            VisitTopics.DEAD_LETTERS + "-1",
                            VisitTopics.DEAD_LETTERS + "-2")));
      }
      Map<TopicPartition, Long> caughtUp =
          pipeline.awaitCaughtUp("after kill -9 of the " + fault.process(), RECOVERY);
      // no fault, the JobManager's included, ends the job or makes the stack submit another one
      assertThat(theJob())
          .as("the job after kill -9 of the " + fault.process())
          .isEqualTo(jobBefore);
      if (fault.process().equals("jobmanager")) {
        WriteTimeline writes =
            WriteTimeline.read(bootstrapServers, VisitTopics.OUT, outBeforeKill, killedAt);
        System.out.printf(
            "fault jobmanager: the orphaned task wrote %d records to website-out for %d ms after "
                + "the kill; the recovered job (same id %s) wrote again %s ms after the kill%n",
            writes.orphanedRecords(),
            writes.orphanedWritesMillis(),
            jobBefore,
            writes.resumedAfterMillis().map(String::valueOf).orElse("(not yet)"));
      }
      System.out.printf(
          "fault: kill -9 %s (pid %d), back with deploy/stack up %s; the job had caught up %d s "
              + "after the kill%n",
          fault.process(),
          pid,
          String.join(" ", fault.parts()),
          Duration.ofNanos(System.nanoTime() - start).toSeconds());
      rereads.put(fault.process(), new OffsetRange(committed, caughtUp));
    }

    traffic.stop();
    Duration drain = pipeline.awaitDrained(RECOVERY);
    // the writers commit a checkpoint's output when it completes, the source its offsets too: in
    // exactly-once mode the last transactions may commit a moment after the offsets
    Polling.awaitTrue(
        "every record of website-visit written",
        Duration.ofSeconds(60),
        () -> DeliveryAudit.read(bootstrapServers).lost() == 0);
    DeliveryAudit audit = DeliveryAudit.read(bootstrapServers);
    List<String> duplicated = audit.duplicatedPositions();
    rereads.forEach(
        (process, range) ->
            System.out.printf(
                "%s, fault %s: written twice %d of the %d records from "
                    + "the offsets committed at the kill to the end when the job had caught up%n",
                mode, process, range.count(duplicated), range.size()));
    System.out.printf(
        "%s: faults survived %d (%s); drained in %d s; %s%n",
        mode,
        rereads.size(),
        String.join(", ", rereads.keySet()),
        drain.toSeconds(),
        audit.summary());

    assertThat(audit.bad).as("malformed records among the traffic").isPositive();
    assertThat(audit.lostGood()).as("good visits of website-visit missing in website-out").isZero();
    assertThat(audit.lostBad())
        .as("malformed records of website-visit missing in website-dlq")
        .isZero();
    assertThat(audit.unexpected())
        .as("records of website-out or website-dlq with no source in website-visit")
        .isZero();
    assertThat(rereads).hasSize(mode.faults.size());
    if (mode == Mode.EXACTLY_ONCE) {
      assertThat(duplicated).as("records written twice in exactly-once mode").isEmpty();
    } else {
      assertThat(duplicated)
          .as("records written twice outside what a fault made the job read again")
          .allSatisfy(
              position ->
                  assertThat(rereads.values().stream().anyMatch(r -> r.contains(position)))
                      .as("%s lies in a re-read window", position)
                      .isTrue());
    }
  }

  /**
   * SIGKILL to one process of the stack (its PID file, else its marker), and wait until it is gone.
   */
  private long killNine(String process) throws Exception {
    String marker = "-Dvisitstream.stack=" + stack.dir + "/" + process;
    Optional<ProcessHandle> byPidFile =
        Optional.of(stack.dir.resolve("run/" + process + ".pid"))
            .filter(Files::isRegularFile)
            .flatMap(FaultsIT::pid)
            .flatMap(ProcessHandle::of)
            .filter(p -> carries(p, marker));
    ProcessHandle victim =
        byPidFile
            .or(() -> ProcessHandle.allProcesses().filter(p -> carries(p, marker)).findFirst())
            .orElseThrow(() -> new AssertionError(process + " is not running: nothing to kill"));
    assertThat(victim.destroyForcibly()).as("SIGKILL sent to " + process).isTrue();
    Polling.awaitTrue(
        process + " (pid " + victim.pid() + ") is gone",
        Duration.ofSeconds(30),
        () -> !victim.isAlive());
    return victim.pid();
  }

  /** The id of the one job the cluster has run (asserted: never a second, and not ended). */
  private String theJob() throws Exception {
    List<String> jobs = new ArrayList<>();
    for (JsonNode job :
        new ObjectMapper().readTree(Http.get(flink + "/jobs/overview")).path("jobs")) {
      jobs.add(
          job.path("jid").asText()
              + " "
              + job.path("name").asText()
              + " "
              + job.path("state").asText());
    }
    assertThat(jobs).as("jobs on the cluster").hasSize(1);
    assertThat(jobs.get(0))
        .as("the job")
        .contains(" visit-stream ")
        .doesNotContain("FINISHED", "CANCELED", "FAILED");
    return jobs.get(0).split(" ")[0];
  }

  private static Optional<Long> pid(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean carries(ProcessHandle process, String marker) {
    return process
        .info()
        .commandLine()
        .map(line -> (line + " ").contains(marker + " "))
        .orElse(false);
  }

  private Set<String> assignedPartitions() throws IOException, InterruptedException {
    Set<String> partitions = new HashSet<>();
    new ObjectMapper()
        .readTree(Http.get(dashboard + "/api/status"))
        .path("assigned_partitions")
        .forEach(p -> partitions.add(p.asText()));
    return partitions;
  }
}
