package dev.visitstream.pipeline.query;

import dev.visitstream.pipeline.LaunchDefaults;
import dev.visitstream.pipeline.parse.ParseVisit;
import dev.visitstream.pipeline.read.ReadVisits;
import dev.visitstream.pipeline.runner.ReadOnceReads;
import dev.visitstream.pipeline.runner.StableSqlNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * An interactive query as its own job: website-visit -> ReadVisits -> ParseVisit -> QueryTables
 * (visits, dead_letters) -> the query (SqlTransform) -> its rows to --resultTopic.
 *
 * <p>{@code java -jar pipeline-job-standalone.jar query --query=... --flinkMaster=host:port
 * --attachedMode=false --resultTopic=...} builds the job in that JVM and submits its job graph to
 * the cluster and prints its {@link QueryCheckReport} as JSON ({@code submitted: true}, or the
 * planner's error and nothing submitted); with {@code --check=true} it only plans the query and
 * prints the report. The dashboard's SQL workbench launches both as short-lived processes: Beam SQL
 * keeps the class loader of every main() it ran alive, so a JobManager that ran the queries' main()
 * (REST {@code /jars/{id}/plan} or {@code /run}) would fill its metaspace after a few dozen queries
 * and stop, taking the main job with it.
 */
public final class QueryPipeline {

  static final String DEFAULT_JOB_NAME = "visit-stream-query";

  private QueryPipeline() {}

  public static void main(String[] args) {
    if (Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.startsWith("--help="))) {
      PipelineOptionsFactory.register(QueryOptions.class);
      PipelineOptionsFactory.printHelp(System.out, QueryOptions.class);
      return;
    }
    try {
      run(args);
    } catch (QueryCheckReport report) {
      // --check, or a run that was submitted (detached) or refused: a launcher that waits for this
      // line need not wait for the client's threads to end.
      System.out.println(report.json());
    }
  }

  /** Checks, builds and starts the query job; with --check only reports (see the class). */
  public static PipelineResult run(String[] args) {
    QueryOptions options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      if (checkOnly(args)) {
        throw QueryCheckReport.refused(e.getMessage());
      }
      throw e;
    }
    Pipeline pipeline = Pipeline.create(options);
    QueryPlan plan;
    try {
      plan = build(pipeline, options);
    } catch (QueryError e) {
      if (options.getCheck() || Boolean.FALSE.equals(options.getAttachedMode())) {
        throw QueryCheckReport.refused(e);
      }
      throw new IllegalArgumentException("--query cannot run: " + e.getMessage() + position(e), e);
    }
    if (options.getCheck()) {
      throw QueryCheckReport.planned(plan, false);
    }
    PipelineResult result = pipeline.run();
    if (Boolean.FALSE.equals(options.getAttachedMode())) {
      throw QueryCheckReport.planned(plan, true);
    }
    return result;
  }

  static QueryOptions options(String[] args) {
    PipelineOptionsFactory.register(QueryOptions.class);
    List<String> withName = new ArrayList<>(Arrays.asList(args));
    if (!LaunchDefaults.given(args, "jobName")) {
      withName.add(0, "--jobName=" + DEFAULT_JOB_NAME);
    }
    QueryOptions options =
        PipelineOptionsFactory.fromArgs(LaunchDefaults.apply(withName.toArray(new String[0])))
            .withValidation()
            .as(QueryOptions.class);
    QueryStart.parse(options.getStartFrom());
    if (options.getGroupId() == null || options.getGroupId().isBlank()) {
      options.setGroupId(options.getJobName());
    }
    if (!options.getCheck()
        && (options.getResultTopic() == null || options.getResultTopic().isBlank())) {
      throw new IllegalArgumentException("--resultTopic must name the topic for the query's rows");
    }
    if (options.getInputTopic().equals(options.getResultTopic())) {
      throw new IllegalArgumentException("--resultTopic must differ from --inputTopic");
    }
    if (options.getMaxEventDelaySeconds() == null || options.getMaxEventDelaySeconds() < 0) {
      throw new IllegalArgumentException("--maxEventDelaySeconds must be 0 or more");
    }
    return options;
  }

  /** Plans the query (a {@link QueryError} when it cannot run) and builds its job. */
  static QueryPlan build(Pipeline pipeline, QueryOptions options) {
    QueryStart start = QueryStart.parse(options.getStartFrom());
    PCollectionTuple tables =
        pipeline
            .apply(
                "ReadVisits",
                new ReadVisits(
                    options.getBootstrapServers(),
                    options.getInputTopic(),
                    start.consumerConfig(options.getGroupId()),
                    start.consumerFactory(),
                    Duration.standardSeconds(options.getMaxEventDelaySeconds())))
            .apply("ParseVisit", new ParseVisit())
            .apply("QueryTables", new QueryTables());
    QueryPlan plan = QueryPlan.of(options.getQuery(), tables);
    PCollection<Row> rows;
    try {
      // Expanding the query finds what planning alone does not, e.g. a GROUP BY without a
      // window over the unbounded visits (no trigger could ever fire it).
      rows =
          StableSqlNames.apply(
              tables, "Query", SqlTransform.query(options.getQuery()).withAutoLoading(false));
    } catch (RuntimeException e) {
      throw QueryError.from(e);
    }
    if (!options.getCheck()) {
      List<Integer> keys = new ArrayList<>();
      for (int i = 0; i < plan.columns().size(); i++) {
        if (plan.columns().get(i).key) {
          keys.add(i);
        }
      }
      rows.apply(
          "WriteQueryRows",
          new WriteQueryRows(options.getBootstrapServers(), options.getResultTopic(), keys));
      ReadOnceReads.apply(pipeline, false);
    }
    return plan;
  }

  private static boolean checkOnly(String[] args) {
    return Arrays.asList(args).contains("--check=true") || Arrays.asList(args).contains("--check");
  }

  private static String position(QueryError e) {
    return e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : "";
  }
}
