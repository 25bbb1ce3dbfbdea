package dev.visitstream.pipeline.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a query starts reading website-visit (--startFrom): {@code latest}, {@code earliest}, or
 * the first record at or after a point in time (Kafka record timestamps, which the generator sets
 * when it sends). A query job restored by Flink continues from its checkpoint instead.
 */
public final class QueryStart {

  public static final String LATEST = "latest";
  public static final String EARLIEST = "earliest";

  /** Epoch milliseconds to start at; null for latest or earliest. */
  private final Long timestampMillis;

  private final String option;

  private QueryStart(String option, Long timestampMillis) {
    this.option = option;
    this.timestampMillis = timestampMillis;
  }

  public static QueryStart parse(String option) {
    if (LATEST.equals(option) || EARLIEST.equals(option)) {
      return new QueryStart(option, null);
    }
    if (option != null && option.matches("[0-9]{1,15}")) {
      return new QueryStart(option, Long.parseLong(option));
    }
    try {
      return new QueryStart(option, Instant.parse(option).toEpochMilli());
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(
          "--startFrom must be latest, earliest, an ISO-8601 instant (2026-01-31T12:00:00Z) or"
              + " epoch milliseconds, got '"
              + option
              + "'");
    }
  }

  Map<String, Object> consumerConfig(String groupId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, EARLIEST.equals(option) ? EARLIEST : LATEST);
    return config;
  }

  SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory() {
    return new ConsumerFactory(option, timestampMillis);
  }

  /** A named class: KafkaIO serializes the factory with its source. */
  private static final class ConsumerFactory
      implements SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> {
    private static final long serialVersionUID = 1L;
    private final String option;
    private final Long timestampMillis;

    ConsumerFactory(String option, Long timestampMillis) {
      this.option = option;
      this.timestampMillis = timestampMillis;
    }

    @Override
    public Consumer<byte[], byte[]> apply(Map<String, Object> config) {
      return new PositionedConsumer(config, option, timestampMillis);
    }
  }

  /**
   * Seeks right after assign(), before KafkaIO's own seek to checkpointed offsets, which still wins
   * on a restore. Public so that KafkaIO's reflective assign() call can reach it.
   */
  public static final class PositionedConsumer extends KafkaConsumer<byte[], byte[]> {
    private final String option;
    private final Long timestampMillis;

    PositionedConsumer(Map<String, Object> config, String option, Long timestampMillis) {
      super(config);
      this.option = option;
      this.timestampMillis = timestampMillis;
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
      super.assign(partitions);
      if (EARLIEST.equals(option)) {
        seekToBeginning(partitions);
      } else if (timestampMillis == null) {
        seekToEnd(partitions);
      } else {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, timestampMillis));
        Map<TopicPartition, OffsetAndTimestamp> offsets = offsetsForTimes(times);
        for (TopicPartition partition : partitions) {
          OffsetAndTimestamp offset = offsets.get(partition);
          if (offset == null) {
            seekToEnd(java.util.List.of(partition)); // nothing that recent yet
          } else {
            seek(partition, offset.offset());
          }
        }
      }
    }
  }
}
