package dev.visitstream.pipeline.transactions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The transactional producer that KafkaIO's exactly-once sink gets from {@link
 * WriteInTransactions}: the sink sends each of its elements as one record of key and value only,
 * and an element here is a {@link RecordBatch}; this producer sends the batch's records instead,
 * headers included, inside the sink's transaction. Everything else goes to a plain {@link
 * KafkaProducer} built from the sink's configuration (its transactional.id included).
 */
final class RecordBatchProducer implements Producer<byte[], byte[]> {

  private final Map<String, Object> config;
  private KafkaProducer<byte[], byte[]> producer;

  /** Begun and neither committed nor aborted: the attempt that began it failed or was cancelled. */
  private boolean inTransaction;

  RecordBatchProducer(Map<String, Object> config) {
    this.config = Map.copyOf(config);
    producer = newProducer();
  }

  private KafkaProducer<byte[], byte[]> newProducer() {
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> batch) {
    return send(batch, null);
  }

  /** Answers with the last record's send: a failed one fails the transaction's commit anyway. */
  @Override
  public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> batch, Callback callback) {
    List<ProducerRecord<byte[], byte[]>> records = RecordBatch.decode(batch.value());
    Future<RecordMetadata> last = CompletableFuture.completedFuture(null);
    for (ProducerRecord<byte[], byte[]> record : records) {
      last =
          producer.send(
              new ProducerRecord<>(
                  batch.topic(),
                  record.partition(),
                  record.timestamp(),
                  record.key(),
                  record.value(),
                  record.headers()),
              callback);
    }
    return last;
  }

  @Override
  public void initTransactions() {
    producer.initTransactions();
  }

  /**
   * KafkaIO keeps a shard's writer, and with it this producer, in a static cache that outlives a
   * failed or cancelled task in the same JVM, and calls the transaction methods by reflection, so a
   * failed commit reaches it wrapped and it neither aborts nor drops the writer: the next attempt
   * would find the transaction still open and fail on every restart. A fresh producer with the same
   * transactional id fences the old one off, and the broker ends its open transaction.
   */
  @Override
  public void beginTransaction() {
    if (inTransaction) {
      producer.close(Duration.ZERO);
      producer = newProducer();
      producer.initTransactions();
    }
    producer.beginTransaction();
    inTransaction = true;
  }

  /** What KafkaIO calls to store a shard's progress in its sink group, within the transaction. */
  @Override
  @SuppressWarnings("deprecation")
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, String consumerGroupId) {
    producer.sendOffsetsToTransaction(offsets, consumerGroupId);
  }

  @Override
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
    producer.sendOffsetsToTransaction(offsets, groupMetadata);
  }

  @Override
  public void commitTransaction() {
    producer.commitTransaction();
    inTransaction = false;
  }

  @Override
  public void abortTransaction() {
    producer.abortTransaction();
    inTransaction = false;
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    return producer.partitionsFor(topic);
  }

  @Override
  public Map<MetricName, ? extends Metric> metrics() {
    return producer.metrics();
  }

  @Override
  public Uuid clientInstanceId(Duration timeout) {
    return producer.clientInstanceId(timeout);
  }

  @Override
  public void close() {
    producer.close();
  }

  @Override
  public void close(Duration timeout) {
    producer.close(timeout);
  }
}
