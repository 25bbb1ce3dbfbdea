package dev.visitstream.pipeline;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;

/**
 * The job on an embedded Flink MiniCluster, started detached so that the test keeps control and
 * cancels it at the end (a streaming job never ends by itself).
 */
final class EmbeddedJob implements AutoCloseable {

  private final PipelineResult result;

  private EmbeddedJob(PipelineResult result) {
    this.result = result;
  }

  static EmbeddedJob start(String... args) throws IOException {
    return start(null, args);
  }

  /**
   * A job that restores a savepoint or retained checkpoint, as {@code flink run -s} does: an
   * embedded Flink takes it from its configuration ({@code --savepointPath} serves remote
   * submissions only).
   */
  static EmbeddedJob restore(Path restorePoint, String... args) throws IOException {
    return start(restorePoint, args);
  }

  private static EmbeddedJob start(Path restorePoint, String... args) throws IOException {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add("--flinkMaster=[local]");
    all.add("--attachedMode=false");
    Path confDir = Files.createTempDirectory("flink-conf");
    String conf = CounterReporter.flinkConf();
    if (restorePoint != null) {
      conf += "execution.savepoint.path: " + restorePoint.toUri() + "\n";
    }
    Files.writeString(confDir.resolve("flink-conf.yaml"), conf);
    all.add("--flinkConfDir=" + confDir);
    return new EmbeddedJob(VisitPipeline.run(all.toArray(new String[0])));
  }

  PipelineResult.State state() {
    return result.getState();
  }

  long completedCheckpoints() {
    return CounterReporter.completedCheckpoints();
  }

  /** A counter of {@link PipelineMetrics} as the running job reports it to Flink. */
  long counter(String name) {
    return CounterReporter.sum(name);
  }

  /**
   * Cancels and waits until the job has stopped. Flink acknowledges a cancel before the tasks stop:
   * a job still reading then would write records that the next job, resuming from the committed
   * offsets, writes again.
   */
  @Override
  public void close() throws Exception {
    if (stopped()) {
      return;
    }
    result.cancel();
    await("the job stopped after its cancel")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(this::stopped);
  }

  private boolean stopped() {
    try {
      return result.getState().isTerminal();
    } catch (IllegalStateException miniClusterGone) {
      // the job's own MiniCluster shuts down once the job has ended
      return true;
    }
  }
}
