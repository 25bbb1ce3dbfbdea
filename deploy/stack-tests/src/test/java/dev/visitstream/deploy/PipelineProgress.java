package dev.visitstream.deploy;

import dev.visitstream.visit.VisitTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the pipeline has read website-visit, as its consumer group says: the job commits its
 * offsets when a checkpoint completes, after everything read up to there was written. So "the group
 * committed up to X" means "the job processed and checkpointed everything before X".
 */
final class PipelineProgress {

  static final String GROUP = "visit-stream-pipeline";
  static final String INPUT = VisitTopics.VISITS;

  private final String bootstrapServers;

  PipelineProgress(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** The group's committed offsets of website-visit (a partition never committed is absent). */
  Map<TopicPartition, Long> committed() throws Exception {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // short: this is polled while parts of the stack are down
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    try (Admin admin = Admin.create(config)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(GROUP)
              .partitionsToOffsetAndMetadata()
              .get(15, TimeUnit.SECONDS);
      Map<TopicPartition, Long> committed = new HashMap<>();
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null && partition.topic().equals(INPUT)) {
              committed.put(partition, offset.offset());
            }
          });
      return committed;
    }
  }

  /** Whether the group has committed at least up to {@code target} on every partition. */
  boolean reached(Map<TopicPartition, Long> target) throws Exception {
    Map<TopicPartition, Long> committed = committed();
    return target.entrySet().stream()
        .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  /**
   * Waits until website-visit holds at least this many records (on all its partitions together).
   */
  void awaitInput(long records, Duration deadline) throws InterruptedException {
    Polling.awaitTrue(
        "website-visit holds " + records + " records",
        deadline,
        () -> total(TopicRecords.endOffsets(bootstrapServers, INPUT)) >= records);
  }

  /**
   * Waits until the job has processed and checkpointed all website-visit holds now; returns that.
   */
  Map<TopicPartition, Long> awaitCaughtUp(String when, Duration deadline)
      throws InterruptedException {
    Map<TopicPartition, Long> target = TopicRecords.endOffsets(bootstrapServers, INPUT);
    Polling.awaitTrue(
        "the pipeline has committed website-visit up to " + target + " (" + when + ")",
        deadline,
        () -> reached(target));
    return target;
  }

  /** With no producer left: waits until the job has committed the end of website-visit. */
  Duration awaitDrained(Duration deadline) throws InterruptedException {
    return Polling.awaitTrue(
        "the pipeline drained website-visit",
        deadline,
        () -> reached(TopicRecords.endOffsets(bootstrapServers, INPUT)));
  }

  static long total(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }
}
