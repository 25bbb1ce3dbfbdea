package dev.visitstream.pipeline;

import dev.visitstream.pipeline.deadletter.WriteDeadLetters;
import dev.visitstream.pipeline.keyed.WriteKeyedOutput;
import dev.visitstream.pipeline.keyed.WriteKeyedOutputInTransactions;
import dev.visitstream.pipeline.query.QueryPipeline;
import dev.visitstream.pipeline.read.ReadVisits;
import dev.visitstream.pipeline.runner.ReadOnceReads;
import dev.visitstream.pipeline.stats.WriteWindowStats;
import dev.visitstream.pipeline.transactions.SinkGroupCheck;
import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The visit-stream job: website-visit -> ReadVisits -> {@link VisitGraph} (ParseVisit ->
 * KeyedOutput (SQL); the parsed visits also feed WindowStats (windowed SQL); records that are not
 * visits become dead letters) -> WriteKeyedOutput -> website-out, WriteWindowStats ->
 * website-stats, WriteDeadLetters -> website-dlq.
 *
 * <p>{@code java -jar pipeline-job-standalone.jar [--option=value ...]} runs it on an embedded
 * Flink; submitted to a Flink cluster (REST or {@code flink run}) it runs there. {@code --help}
 * lists every option. {@code java -jar pipeline-job-standalone.jar query [--option=value ...]}
 * checks or starts an interactive query instead ({@link QueryPipeline}).
 */
public final class VisitPipeline {

  /** First argument that runs an interactive query ({@link QueryPipeline}) instead of this job. */
  public static final String QUERY_COMMAND = "query";

  private VisitPipeline() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(QUERY_COMMAND)) {
      // java -jar runs the manifest's main class only, and only java -jar applies the manifest's
      // Java 17 flags: an interactive query is a command of this main.
      QueryPipeline.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.startsWith("--help="))) {
      printHelp();
      return;
    }
    // Attached (java -jar, flink run): returns when the job ends. Detached (REST, flink run -d):
    // returns once submitted; waiting here would block the JobManager's REST handler.
    run(args);
  }

  /** Builds, checks and starts the job; the options checks throw before anything runs. */
  public static PipelineResult run(String[] args) {
    VisitPipelineOptions options = options(args);
    SinkGroupCheck.validate(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, options);
    return pipeline.run();
  }

  static VisitPipelineOptions options(String[] args) {
    PipelineOptionsFactory.register(VisitPipelineOptions.class);
    VisitPipelineOptions options =
        PipelineOptionsFactory.fromArgs(LaunchDefaults.apply(args))
            .withValidation()
            .as(VisitPipelineOptions.class);
    OptionChecks.validate(options);
    return options;
  }

  static void build(Pipeline pipeline, VisitPipelineOptions options) {
    VisitGraph.Outputs outputs =
        VisitGraph.from(options).apply(pipeline.apply("ReadVisits", ReadVisits.from(options)));

    outputs
        .keyed()
        .apply(
            "WriteKeyedOutput",
            options.getExactlyOnce()
                ? new WriteKeyedOutputInTransactions(
                    options.getBootstrapServers(),
                    options.getOutputTopic(),
                    options.getSinkGroupId(),
                    options.getSinkShards())
                : new WriteKeyedOutput(options.getBootstrapServers(), options.getOutputTopic()));

    // website-stats stays at least once in both modes: a stats record is the latest total of its
    // (window, dimension, value) key, and one written again after a restore carries a total of the
    // same restored state, so readers that keep the latest record per key see the right totals,
    // without the checkpoint interval's wait and the state of the transactional writers.
    outputs
        .stats()
        .ifPresent(
            stats ->
                stats.apply(
                    "WriteWindowStats",
                    new WriteWindowStats(options.getBootstrapServers(), options.getStatsTopic())));

    outputs
        .deadLetters()
        .apply(
            "WriteDeadLetters",
            options.getExactlyOnce()
                ? WriteDeadLetters.inTransactions(
                    options.getBootstrapServers(),
                    options.getDeadLetterTopic(),
                    options.getSinkGroupId(),
                    options.getSinkShards())
                : new WriteDeadLetters(
                    options.getBootstrapServers(), options.getDeadLetterTopic()));

    ReadOnceReads.apply(pipeline, options.getKafkaReaderMetrics());
  }

  private static void printHelp() {
    PipelineOptionsFactory.register(VisitPipelineOptions.class);
    PipelineOptionsFactory.printHelp(System.out, VisitPipelineOptions.class);
    System.out.println();
    System.out.println("Defaults this job sets unless given (instead of Beam's listed above):");
    LaunchDefaults.JOB_DEFAULTS.forEach(
        (name, value) -> System.out.println("  --" + name + "=" + value));
    System.out.println(
        "  --parallelism=1 on an embedded Flink; --attachedMode=false under a detached submission"
            + " (REST /jars/{id}/run, flink run -d)");
  }
}
