package dev.visitstream.dashboard.sql;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The SQL workbench's settings (prefix {@code dashboard.sql}); env e.g. {@code DASHBOARD_SQL_FLINK_URL}.
 */
@ConfigMapping(prefix = "dashboard.sql")
public interface SqlConfig {

    /** Flink's REST API, where query jobs are checked, started and cancelled. */
    @WithDefault("http://localhost:8081")
    String flinkUrl();

    /** The pipeline jar (the cluster build, Flink left out) that holds the query entry point. */
    @WithDefault("pipeline-job/target/pipeline-job.jar")
    String pipelineJar();

    /** The query job's main class in that jar. */
    @WithDefault("dev.visitstream.pipeline.query.QueryPipeline")
    String entryClass();

    /**
     * Prefix of the Flink job name, result topic and consumer group of each query: how queries
     * left behind by an earlier run of the service are found.
     */
    @WithDefault("visit-stream-sql-")
    String namePrefix();

    /** Queries that may run at once (each takes a Flink task slot). */
    @WithDefault("2")
    int maxQueries();

    /** Longest query text accepted, in characters. */
    @WithDefault("20000")
    int maxQueryChars();

    /** Rows per second sent to one browser; for windowed results only each key's newest row is kept meanwhile. */
    @WithDefault("200")
    int maxRowsPerSecond();

    /** Rows (or keys) a running query keeps for a browser that opens its stream later. */
    @WithDefault("1000")
    int keptRows();

    /** A query that no browser has watched for this long is stopped. */
    @WithDefault("10m")
    Duration idleTimeout();

    /** Partitions of a query's result topic. */
    @WithDefault("1")
    int resultPartitions();

    /**
     * When set, checking, running and stopping queries need it ('Authorization: Bearer <token>'
     * or 'X-Api-Token: <token>'); reading stays open. Empty: no token.
     */
    Optional<String> apiToken();

    /**
     * How long a Flink REST call may take: a check runs main() in the JobManager, which plans the
     * query with Beam SQL (seconds on an idle machine, far more on a loaded one).
     */
    @WithDefault("120s")
    Duration flinkTimeout();
}
