package dev.visitstream.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic of the stack under test as it is now, with no consumer group: a checker's view. */
final class TopicRecords {

  private TopicRecords() {}

  /** Each partition's end offset now. */
  static Map<TopicPartition, Long> endOffsets(String bootstrapServers, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return new HashMap<>(consumer.endOffsets(partitions));
    }
  }

  /**
   * Every record from the given offsets (all of the topic when empty) up to the end offsets now.
   */
  static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrapServers, String topic, Map<TopicPartition, Long> from) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      consumer.assign(partitions);
      for (TopicPartition partition : partitions) {
        consumer.seek(partition, from.getOrDefault(partition, 0L));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " up to " + end + " in 60 s");
        }
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(
                record -> {
                  if (record.offset()
                      < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                  }
                });
      }
    }
    return records;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // only committed output: the job may write in transactions (--exactlyOnce)
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
