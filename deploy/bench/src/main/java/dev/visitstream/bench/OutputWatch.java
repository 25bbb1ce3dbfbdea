package dev.visitstream.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Waits until a variant's output topics hold what it must write, by their end offsets (so the watch
 * costs the measured job almost no CPU), then reads the output once to count its records and take
 * the broker's append time of the first and the last one: the measured window. The count decides:
 * in a topic written in transactions, each commit marker takes an offset too.
 */
final class OutputWatch {

  private static final long POLL_MS = 250;

  record Outcome(
      boolean complete,
      long outputRecords,
      long deadLetterRecords,
      long firstAppendMillis,
      long lastAppendMillis,
      String failure) {}

  record Limits(Duration firstOutput, Duration stall, Duration total) {}

  private OutputWatch() {}

  static Outcome await(
      String bootstrapServers,
      String outputTopic,
      String deadLetterTopic,
      long expectedOutput,
      long expectedDeadLetters,
      Limits limits,
      BooleanSupplier jobAlive,
      String label)
      throws InterruptedException {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> outputs = partitions(consumer, outputTopic);
      List<TopicPartition> deadLetters = partitions(consumer, deadLetterTopic);
      long started = System.currentTimeMillis();
      long lastChange = started;
      long lastReport = started;
      long seen = -1;
      long output = 0;
      long dead = 0;
      String failure = null;
      List<TopicPartition> all = new ArrayList<>(outputs);
      all.addAll(deadLetters);
      Tally tally = null;
      while (true) {
        long outputEnd = sum(consumer.endOffsets(outputs));
        long deadEnd = sum(consumer.endOffsets(deadLetters));
        long now = System.currentTimeMillis();
        if (outputEnd >= expectedOutput && deadEnd >= expectedDeadLetters) {
          tally = Tally.read(consumer, outputTopic, all);
          output = tally.output;
          dead = tally.deadLetters;
          if (output >= expectedOutput && dead >= expectedDeadLetters) {
            break;
          }
        } else {
          output = outputEnd;
          dead = deadEnd;
        }
        if (outputEnd + deadEnd != seen) {
          seen = outputEnd + deadEnd;
          lastChange = now;
        }
        if (now - lastReport >= 5_000) {
          System.out.printf(
              "    %s: %,d / %,d outputs, %,d / %,d dead letters%n",
              label, output, expectedOutput, dead, expectedDeadLetters);
          lastReport = now;
        }
        if (!jobAlive.getAsBoolean()) {
          failure = "the job process ended";
        } else if (seen == 0 && now - started > limits.firstOutput().toMillis()) {
          failure = "no output within " + limits.firstOutput().toSeconds() + " s";
        } else if (seen > 0 && now - lastChange > limits.stall().toMillis()) {
          failure = "no new output for " + limits.stall().toSeconds() + " s";
        } else if (now - started > limits.total().toMillis()) {
          failure = "not done within " + limits.total().toSeconds() + " s";
        }
        if (failure != null) {
          break;
        }
        Thread.sleep(POLL_MS);
      }
      if (tally == null) {
        tally = Tally.read(consumer, outputTopic, all);
      }
      return new Outcome(failure == null, output, dead, tally.first, tally.last, failure);
    }
  }

  /** The records of the output topics up to their current ends, and their first and last append. */
  private static final class Tally {
    long output;
    long deadLetters;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    static Tally read(
        KafkaConsumer<byte[], byte[]> consumer,
        String outputTopic,
        List<TopicPartition> partitions) {
      Tally tally = new Tally();
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.currentTimeMillis() + 120_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("cannot read the output up to " + ends);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.topic().equals(outputTopic)) {
            tally.output++;
          } else {
            tally.deadLetters++;
          }
          tally.first = Math.min(tally.first, record.timestamp());
          tally.last = Math.max(tally.last, record.timestamp());
        }
      }
      return tally;
    }
  }

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            // only committed output (a job with --exactlyOnce writes in transactions); end offsets
            // are then the last stable ones
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5_000),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic, Duration.ofSeconds(30))
        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    return partitions;
  }

  private static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }
}
