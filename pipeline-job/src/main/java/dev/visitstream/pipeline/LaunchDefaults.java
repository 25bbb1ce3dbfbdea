package dev.visitstream.pipeline;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runner options whose Beam default does not suit this job, added to the arguments unless the user
 * gave them. (A sub-interface cannot re-declare the @Default of an inherited Beam option, so the
 * defaults go in as arguments; --help lists Beam's defaults, pipeline-job/README.md the job's.)
 */
public final class LaunchDefaults {

  /** Where main() runs, which decides parallelism and attached mode. */
  enum Launch {
    /** java -jar or a test: an embedded Flink MiniCluster in this JVM. */
    EMBEDDED,
    /** flink run (attached): the client waits for the job. */
    CLUSTER_ATTACHED,
    /** REST /jars/{id}/run or flink run -d: main() must return once the job is submitted. */
    CLUSTER_DETACHED,
    /** --flinkMaster=host:port from a plain JVM: a remote submission. */
    REMOTE
  }

  static final Map<String, String> JOB_DEFAULTS = jobDefaults();

  private LaunchDefaults() {}

  private static Map<String, String> jobDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("runner", "FlinkRunner");
    defaults.put("jobName", "visit-stream");
    defaults.put("streaming", "true");
    // Offsets reach the consumer group at each completed checkpoint: this bounds what a
    // redeploy re-reads (and re-writes, at least once) to about 5 s of input.
    defaults.put("checkpointingInterval", "5000");
    // A failed checkpoint (a slow disk, a broker that answers late) is retried at the next interval
    // instead of restarting the whole job from the previous one, which would write again what came
    // since then.
    defaults.put("failOnCheckpointingErrors", "false");
    // Chained operators hand elements on without a copy: the job's DoFns never mutate their
    // input nor keep it between elements. (Not --fasterCopy: see OptionChecks.)
    defaults.put("objectReuse", "true");
    // Elements are emitted downstream as they are processed; a bundle end flushes the Kafka
    // producers (a blocking flush) and emits the stats' bundle sums. Bigger bundles mean fewer
    // flushes and fewer sums for the windowed stats aggregation, whose cost is per sum: on data
    // sparse in event time a bundle spans many windows, and each gets a sum per dimension value.
    // The time bound caps how long the runner holds the watermark, and so the stats, for an open
    // bundle when traffic is low; website-out records leave on the producer's own linger.
    defaults.put("maxBundleSize", "10000");
    defaults.put("maxBundleTimeMills", "1000");
    return defaults;
  }

  public static String[] apply(String[] args) {
    return apply(args, detect(args));
  }

  static String[] apply(String[] args, Launch launch) {
    Map<String, String> defaults = new LinkedHashMap<>(JOB_DEFAULTS);
    if (launch == Launch.EMBEDDED) {
      // One subtask per step: an embedded run shares its cores with the broker and the services,
      // where more subtasks add exchanges without adding cores; Flink would take all cores.
      defaults.put("parallelism", "1");
      // Else checkpoints go to the JobManager's memory, whose size cap the stats windows of a
      // replayed backlog outgrow, and then every checkpoint fails.
      defaults.put("stateBackend", "filesystem");
      defaults.put(
          "stateBackendStoragePath",
          "file://"
              + Paths.get(System.getProperty("java.io.tmpdir"), "visit-stream-checkpoints")
                  .toAbsolutePath());
    }
    if (launch == Launch.CLUSTER_DETACHED) {
      // Else Beam asks a detached submission for its result: REST answers 500.
      defaults.put("attachedMode", "false");
    }
    List<String> result = new ArrayList<>();
    defaults.forEach(
        (name, value) -> {
          if (!given(args, name)) {
            result.add("--" + name + "=" + value);
          }
        });
    result.addAll(Arrays.asList(args));
    return result.toArray(new String[0]);
  }

  public static boolean given(String[] args, String name) {
    String flag = "--" + name;
    return Arrays.stream(args).anyMatch(arg -> arg.equals(flag) || arg.startsWith(flag + "="));
  }

  private static Launch detect(String[] args) {
    String master =
        Arrays.stream(args)
            .filter(arg -> arg.startsWith("--flinkMaster="))
            .map(arg -> arg.substring("--flinkMaster=".length()))
            .findFirst()
            .orElse("[auto]");
    if (master.equals("[local]")) {
      return Launch.EMBEDDED;
    }
    if (!master.equals("[auto]")) {
      return Launch.REMOTE;
    }
    StreamExecutionEnvironment context = StreamExecutionEnvironment.getExecutionEnvironment();
    if (context instanceof LocalStreamEnvironment) {
      return Launch.EMBEDDED;
    }
    return context.getConfiguration().get(DeploymentOptions.ATTACHED)
        ? Launch.CLUSTER_ATTACHED
        : Launch.CLUSTER_DETACHED;
  }
}
