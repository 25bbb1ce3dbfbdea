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

    /**
     * The pipeline jar that runs a query's command (the standalone build): it checks a query, or
     * builds its job and submits it to the cluster.
     */
    @WithDefault("pipeline-job/target/pipeline-job-standalone.jar")
    String queryJar();

    /** The pipeline jar shipped to the cluster with each query job (the cluster build, Flink left out). */
    @WithDefault("pipeline-job/target/pipeline-job.jar")
    String pipelineJar();

    /** JVM options of the query command's process. */
    @WithDefault("-Xmx512m -XX:TieredStopAtLevel=1")
    String queryJvmOptions();

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
     * How long a check or a submission may take: the query command starts a JVM and plans the
     * query with Beam SQL, and a run uploads the job's jar too: seconds on an idle machine, minutes
     * on a loaded one.
     */
    @WithDefault("5m")
    Duration flinkTimeout();
}
