package dev.visitstream.dashboard.sql;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * The SQL workbench's settings (prefix {@code dashboard.sql}); env e.g. {@code
 * DASHBOARD_SQL_FLINK_URL}. The defaults live in application.properties only, beside the other
 * settings of the dashboard.
 */
@ConfigMapping(prefix = "dashboard.sql")
public interface SqlConfig {

  /** Flink's REST API, where query jobs are checked, started and cancelled. */
  String flinkUrl();

  /**
   * The pipeline jar that runs a query's command (the standalone build): it checks a query, or
   * builds its job and submits it to the cluster.
   */
  String queryJar();

  /**
   * The pipeline jar shipped to the cluster with each query job (the cluster build, Flink left
   * out).
   */
  String pipelineJar();

  /** JVM options of the query command's process. */
  String queryJvmOptions();

  /**
   * Prefix of the Flink job name, result topic and consumer group of each query: how queries left
   * behind by an earlier run of the service are found.
   */
  String namePrefix();

  /** Queries that may run at once (each takes a Flink task slot). */
  int maxQueries();

  /** Longest query text accepted, in characters. */
  int maxQueryChars();

  /**
   * Rows per second sent to one browser; for windowed results only each key's newest row is kept
   * meanwhile.
   */
  int maxRowsPerSecond();

  /** Rows (or keys) a running query keeps for a browser that opens its stream later. */
  int keptRows();

  /** A query that no browser has watched for this long is stopped. */
  Duration idleTimeout();

  /** Partitions of a query's result topic. */
  int resultPartitions();

  /**
   * When set, checking, running and stopping queries need it ('Authorization: Bearer <token>' or
   * 'X-Api-Token: <token>'); reading stays open. Empty: no token.
   */
  Optional<String> apiToken();

  /**
   * How long a check or a submission may take: the query command starts a JVM and plans the query
   * with Beam SQL, and a run uploads the job's jar too: seconds on an idle machine, minutes on a
   * loaded one.
   */
  Duration flinkTimeout();
}
