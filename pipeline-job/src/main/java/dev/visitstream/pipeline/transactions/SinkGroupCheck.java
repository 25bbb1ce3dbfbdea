package dev.visitstream.pipeline.transactions;

import dev.visitstream.pipeline.VisitPipelineOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With --exactlyOnce, refuses before anything runs to start a job without state whose sink groups
 * hold an earlier run's progress. KafkaIO's sink would fail such a job at its first write, and for
 * a reason: the earlier run's last checkpoint may still hold output it had not written when it
 * stopped, while the consumer group's offsets are already past that input (or the reverse: the
 * offsets were not committed yet for output already written). Only that checkpoint's state can
 * finish the earlier run's output exactly once.
 */
public final class SinkGroupCheck {

  private static final Logger LOG = LoggerFactory.getLogger(SinkGroupCheck.class);

  private static final long TIMEOUT_SECONDS = 30;

  private SinkGroupCheck() {}

  public static void validate(VisitPipelineOptions options) {
    if (!options.getExactlyOnce()) {
      return;
    }
    Optional<String> restorePoint = RestorePoint.of(options);
    if (restorePoint.isPresent()) {
      LOG.info("exactly-once: restoring {}; the sink groups continue from it", restorePoint.get());
      return;
    }
    List<String> used = new ArrayList<>();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                options.getBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT_SECONDS * 1000))) {
      for (String topic : List.of(options.getOutputTopic(), options.getDeadLetterTopic())) {
        String group = WriteInTransactions.sinkGroup(options.getSinkGroupId(), topic);
        Map<TopicPartition, OffsetAndMetadata> progress =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!progress.isEmpty()) {
          used.add("'" + group + "' (" + topic + ")");
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "--exactlyOnce: cannot read the sink groups of --sinkGroupId '"
              + options.getSinkGroupId()
              + "' from --bootstrapServers "
              + options.getBootstrapServers()
              + ": "
              + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the sink groups", e);
    }
    if (!used.isEmpty()) {
      throw new IllegalStateException(
          "--exactlyOnce: this job starts without state, but the sink group"
              + (used.size() > 1 ? "s " : " ")
              + String.join(" and ", used)
              + " of --sinkGroupId '"
              + options.getSinkGroupId()
              + (used.size() > 1 ? "' already hold" : "' already holds")
              + " the progress of an earlier run. Restore that run's latest "
              + "savepoint or retained checkpoint (flink run -s <path>; REST: savepointPath), "
              + "which continues its output exactly once. Or, knowingly, start over with a new "
              + "--sinkGroupId: the new job then starts at --startFrom, and around the earlier "
              + "run's last checkpoint output can be missing or written twice.");
    }
  }
}
