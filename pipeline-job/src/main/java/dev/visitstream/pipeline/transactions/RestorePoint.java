package dev.visitstream.pipeline.transactions;

import dev.visitstream.pipeline.VisitPipelineOptions;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The savepoint or retained checkpoint a job being submitted restores, if any: {@code flink run -s}
 * and REST {@code savepointPath} put it in the Flink configuration main() runs with, an embedded
 * run reads it from its Flink configuration directory, a remote submission from --savepointPath. A
 * failover inside a running job (TaskManager loss, JobManager HA) restores without main().
 */
final class RestorePoint {

  private RestorePoint() {}

  static Optional<String> of(VisitPipelineOptions options) {
    String master = options.getFlinkMaster();
    if (!"[local]".equals(master) && !"[auto]".equals(master)) {
      return text(options.getSavepointPath());
    }
    StreamExecutionEnvironment context = StreamExecutionEnvironment.getExecutionEnvironment();
    if ("[auto]".equals(master) && !(context instanceof LocalStreamEnvironment)) {
      return text(context.getConfiguration().get(SavepointConfigOptions.SAVEPOINT_PATH));
    }
    String confDir = options.getFlinkConfDir();
    Configuration embedded =
        confDir == null || confDir.isEmpty()
            ? GlobalConfiguration.loadConfiguration()
            : GlobalConfiguration.loadConfiguration(confDir);
    return text(embedded.get(SavepointConfigOptions.SAVEPOINT_PATH));
  }

  private static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
