package dev.visitstream.deploy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A stretch of website-visit, per partition [from, to): e.g. what a job may read a second time,
 * from the offsets its group had committed to what the topic held when the job was back.
 */
record OffsetRange(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {

  /** Whether a source position "partition@offset" lies in this range. */
  boolean contains(String position) {
    String[] parts = position.split("@");
    TopicPartition partition =
        new TopicPartition(PipelineProgress.INPUT, Integer.parseInt(parts[0]));
    long offset = Long.parseLong(parts[1]);
    return offset >= from.getOrDefault(partition, 0L) && offset < to.getOrDefault(partition, 0L);
  }

  long size() {
    return PipelineProgress.total(to) - PipelineProgress.total(from);
  }

  long count(List<String> positions) {
    return positions.stream().filter(this::contains).count();
  }
}
