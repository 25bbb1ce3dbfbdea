package dev.visitstream.pipeline;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The job's Beam counters, in one namespace so that dashboards and tests find them by name. On
 * Flink they appear as operator metrics and as accumulators of the job.
 */
public final class PipelineMetrics {

  public static final String NAMESPACE = "visit-stream";

  public static final String PARSED = "parsed";
  public static final String DEAD_LETTERED = "dead_lettered";
  public static final String WRITTEN = "written";
  public static final String STATS_RECORDS = "stats_records";
  public static final String STATS_WINDOWS = "stats_windows";

  private PipelineMetrics() {}

  public static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }
}
