package dev.visitstream.pipeline;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps the live counters of the embedded job, so that a test can read
 * Beam's counters while the streaming job runs (Beam hands them to its PipelineResult only when a
 * job ends). Enabled by {@link #flinkConf()} through --flinkConfDir.
 */
public final class CounterReporter implements MetricReporter, MetricReporterFactory {

  private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

  /** Flink's own job metric: the JobManager counts a checkpoint before it notifies the tasks. */
  private static final String COMPLETED_CHECKPOINTS = "numberOfCompletedCheckpoints";

  private static final Map<String, Gauge<?>> CHECKPOINT_GAUGES = new ConcurrentHashMap<>();

  /** flink-conf.yaml content that installs this reporter. */
  static String flinkConf() {
    return "metrics.reporter.counters.factory.class: " + CounterReporter.class.getName() + "\n";
  }

  /** A Beam counter of {@link PipelineMetrics}, summed over the operators that report it. */
  static long sum(String name) {
    return COUNTERS.entrySet().stream()
        .filter(e -> isBeamCounter(e.getKey(), name))
        .mapToLong(e -> e.getValue().getCount())
        .sum();
  }

  /** Checkpoints completed by the running embedded job (0 before its first). */
  static long completedCheckpoints() {
    return CHECKPOINT_GAUGES.values().stream()
        .mapToLong(gauge -> ((Number) gauge.getValue()).longValue())
        .sum();
  }

  /** Beam names it namespace + Flink's scope delimiter + name; the delimiter may be '.' or '_'. */
  private static boolean isBeamCounter(String identifier, String name) {
    return identifier.endsWith("." + PipelineMetrics.NAMESPACE + "." + name)
        || identifier.endsWith("." + PipelineMetrics.NAMESPACE + "_" + name);
  }

  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return this;
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    if (metric instanceof Counter) {
      COUNTERS.put(group.getMetricIdentifier(name), (Counter) metric);
    } else if (metric instanceof Gauge && name.equals(COMPLETED_CHECKPOINTS)) {
      CHECKPOINT_GAUGES.put(group.getMetricIdentifier(name), (Gauge<?>) metric);
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    COUNTERS.remove(group.getMetricIdentifier(name));
    CHECKPOINT_GAUGES.remove(group.getMetricIdentifier(name));
  }
}
