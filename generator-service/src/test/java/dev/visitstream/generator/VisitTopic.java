package dev.visitstream.generator;

import dev.visitstream.broker.TestKafka;
import dev.visitstream.visit.VisitTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the generator wrote to website-visit after a mark, from the real test broker. */
final class VisitTopic implements AutoCloseable {

  static final String NAME = VisitTopics.VISITS;

  private final KafkaConsumer<String, byte[]> consumer;

  private VisitTopic() {
    consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
            new StringDeserializer(),
            new ByteArrayDeserializer());
  }

  /** Starts reading at the current end of the topic: only records written from now on. */
  static VisitTopic fromNow() {
    ensureTopic();
    VisitTopic topic = new VisitTopic();
    List<TopicPartition> partitions =
        topic.consumer.partitionsFor(NAME).stream()
            .map(p -> new TopicPartition(NAME, p.partition()))
            .toList();
    topic.consumer.assign(partitions);
    topic.consumer.seekToEnd(partitions);
    partitions.forEach(topic.consumer::position);
    return topic;
  }

  /** Exactly {@code count} records, failing if fewer arrive within 30 s or more are there. */
  List<ConsumerRecord<String, byte[]>> read(int count) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    consumer.poll(Duration.ofMillis(300)).forEach(records::add);
    if (records.size() != count) {
      throw new AssertionError(
          "expected " + count + " records on " + NAME + ", found " + records.size());
    }
    return records;
  }

  @Override
  public void close() {
    consumer.close();
  }

  private static void ensureTopic() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(NAME, 3, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
