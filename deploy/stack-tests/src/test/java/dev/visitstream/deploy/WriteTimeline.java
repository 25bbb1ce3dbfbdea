package dev.visitstream.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * When records were written to a topic around a kill, from the records' own timestamps (the
 * producer's clock at send, this machine's clock): a checker's view, outside the pipeline. Writes
 * after a kill come first from the job attempt that lost its JobManager (orphaned tasks that keep
 * running until they are told to stop), then, after a pause, from the recovered attempt.
 */
record WriteTimeline(long killMillis, List<Long> writesAfterKill) {

  /** Two writes further apart than this belong to different attempts of the job. */
  static final long ATTEMPT_GAP_MILLIS = 3000;

  /**
   * Timestamps of the records written to {@code topic} at or after {@code killMillis}, in order.
   */
  static WriteTimeline read(
      String bootstrapServers,
      String topic,
      Map<TopicPartition, Long> endBeforeKill,
      long killMillis) {
    List<Long> after =
        TopicRecords.read(bootstrapServers, topic, endBeforeKill).stream()
            .mapToLong(r -> r.timestamp())
            .filter(t -> t >= killMillis)
            .sorted()
            .boxed()
            .toList();
    return new WriteTimeline(killMillis, after);
  }

  /** How long after the kill the old attempt wrote its last record (0 when it wrote none). */
  long orphanedWritesMillis() {
    long last = killMillis;
    for (long t : writesAfterKill) {
      if (t - last > ATTEMPT_GAP_MILLIS) {
        break;
      }
      last = t;
    }
    return last - killMillis;
  }

  /** How long after the kill the recovered attempt wrote its first record, if it has written. */
  Optional<Long> resumedAfterMillis() {
    long orphanEnd = killMillis + orphanedWritesMillis();
    return writesAfterKill.stream()
        .filter(t -> t - orphanEnd > ATTEMPT_GAP_MILLIS)
        .findFirst()
        .map(t -> t - killMillis);
  }

  long orphanedRecords() {
    long orphanEnd = killMillis + orphanedWritesMillis();
    return writesAfterKill.stream().filter(t -> t <= orphanEnd).count();
  }
}
