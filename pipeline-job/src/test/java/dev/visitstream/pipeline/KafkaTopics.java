package dev.visitstream.pipeline;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics of one test on the real broker: create, produce, read back, and committed offsets. */
public final class KafkaTopics implements AutoCloseable {

  public final String bootstrapServers;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;

  public KafkaTopics(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties adminConfig = new Properties();
    adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(adminConfig);
    Map<String, Object> producerConfig = new HashMap<>();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Not idempotent, one request in flight: still in send order with retries. The 3.7
    // idempotent producer answered a NOT_LEADER_OR_FOLLOWER on a fresh topic by resetting its
    // sequence numbers and then retried OUT_OF_ORDER_SEQUENCE_NUMBER forever (seen under load).
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer =
        new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public void create(int partitions, String... topics) throws Exception {
    create(partitions, Map.of(), topics);
  }

  /** Topics with broker-side settings of their own, e.g. {@code max.message.bytes}. */
  public void create(int partitions, Map<String, String> config, String... topics)
      throws Exception {
    List<NewTopic> newTopics = new ArrayList<>();
    for (String topic : topics) {
      newTopics.add(new NewTopic(topic, partitions, (short) 1).configs(config));
    }
    admin.createTopics(newTopics).all().get();
    awaitLeaders(List.of(topics));
  }

  /** A fresh topic answers NOT_LEADER_OR_FOLLOWER until its partitions have leaders. */
  private void awaitLeaders(List<String> topics) {
    await("a leader for every partition of " + topics)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> led(topics));
    for (String topic : topics) {
      producer.partitionsFor(topic);
    }
  }

  /** Right after creation the broker may not know a topic yet: that is "not led yet" too. */
  private boolean led(List<String> topics) throws Exception {
    try {
      return admin.describeTopics(topics).allTopicNames().get().values().stream()
          .flatMap(description -> description.partitions().stream())
          .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Sends one record lz4-compressed, as a producer with a large max.request.size may: the broker
   * takes a value far above its 1 MB limit when it compresses below it.
   */
  public void produceCompressed(String topic, int partition, byte[] key, byte[] value)
      throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    try (KafkaProducer<byte[], byte[]> compressing =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      compressing.send(new ProducerRecord<>(topic, partition, key, value)).get();
    }
  }

  /** Sends in order and waits for every ack, so a partition holds the records in send order. */
  public void produce(String topic, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    List<Future<?>> acks = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> record : records) {
      acks.add(
          producer.send(
              new ProducerRecord<>(topic, record.partition(), record.key(), record.value())));
    }
    producer.flush();
    for (Future<?> ack : acks) {
      ack.get();
    }
  }

  public Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> request =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .collect(
                Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    return admin.listOffsets(request).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  public Map<TopicPartition, Long> committedOffsets(String groupId) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, Long> offsets = new HashMap<>();
    committed.forEach((tp, om) -> offsets.put(tp, om == null ? -1 : om.offset()));
    return offsets;
  }

  /** Commits an offset with metadata in a group, as a transactional writer records its progress. */
  public void commitProgress(String groupId, TopicPartition partition, String metadata) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0, metadata)));
    }
  }

  /**
   * Reads a topic's committed records from the beginning, accumulating them, until a condition
   * holds.
   */
  public Reader reader(String topic) {
    return new Reader(topic);
  }

  @Override
  public void close() {
    producer.close();
    admin.close();
  }

  public final class Reader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    private Reader(String topic) {
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      // only what the job committed: with --exactlyOnce its output is transactional
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      Collection<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /** Polls until {@code done} holds for everything read so far, or fails at the deadline. */
    public List<ConsumerRecord<byte[], byte[]>> until(
        Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration deadline, String what)
        throws InterruptedException, ExecutionException {
      long end = System.nanoTime() + deadline.toNanos();
      while (!done.test(records)) {
        if (System.nanoTime() > end) {
          throw new AssertionError(
              "gave up after "
                  + deadline.toSeconds()
                  + " s waiting for "
                  + what
                  + "; read "
                  + records.size());
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return new ArrayList<>(records);
    }

    /** Everything that arrives within the given time (to show that nothing more comes). */
    public List<ConsumerRecord<byte[], byte[]>> settle(Duration quiet) {
      long end = System.nanoTime() + quiet.toNanos();
      while (System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return new ArrayList<>(records);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
