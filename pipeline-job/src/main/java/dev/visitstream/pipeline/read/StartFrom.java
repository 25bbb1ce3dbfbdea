package dev.visitstream.pipeline.read;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a new job starts reading website-visit (--startFrom). A job restored by Flink from a
 * checkpoint or savepoint always continues at the offsets in that snapshot instead.
 */
public enum StartFrom {
  /** The beginning of every partition, whatever the group committed: a full replay. */
  EARLIEST,
  /** The end of every partition, whatever the group committed: skip the backlog. */
  LATEST,
  /**
   * The offsets the consumer group committed at the last completed checkpoint of the previous job;
   * a partition the group never committed starts at its beginning, so nothing is skipped.
   */
  COMMITTED;

  public static StartFrom parse(String option) {
    for (StartFrom value : values()) {
      if (value.optionValue().equals(option)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "--startFrom must be one of "
            + Arrays.stream(values()).map(StartFrom::optionValue).collect(Collectors.joining(", "))
            + ", got '"
            + option
            + "'");
  }

  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Consumer settings; offsets are committed by the job at checkpoints, never automatically. */
  Map<String, Object> consumerConfig(String groupId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, this == LATEST ? "latest" : "earliest");
    return config;
  }

  /**
   * KafkaIO takes its start from the consumer's position after assign(): the group's committed
   * offset, else auto.offset.reset. To ignore committed offsets the consumer seeks right after
   * assign(); KafkaIO's own seek to checkpointed offsets comes later and still wins.
   */
  SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory() {
    return new ConsumerFactory(this);
  }

  /**
   * A named class, not a lambda: the factory is Java-serialized into every savepoint with the Kafka
   * source, and a lambda's serialized form changes with the code around it.
   */
  private static final class ConsumerFactory
      implements SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> {
    private static final long serialVersionUID = 1L;
    private final StartFrom startFrom;

    ConsumerFactory(StartFrom startFrom) {
      this.startFrom = startFrom;
    }

    @Override
    public Consumer<byte[], byte[]> apply(Map<String, Object> config) {
      return new PositionedConsumer(config, startFrom);
    }
  }

  /** Public so that KafkaIO's reflective assign() call can reach it. */
  public static final class PositionedConsumer extends KafkaConsumer<byte[], byte[]> {
    private final StartFrom startFrom;

    PositionedConsumer(Map<String, Object> config, StartFrom startFrom) {
      super(config);
      this.startFrom = startFrom;
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
      super.assign(partitions);
      if (startFrom == EARLIEST) {
        seekToBeginning(partitions);
      } else if (startFrom == LATEST) {
        seekToEnd(partitions);
      }
    }
  }
}
