package dev.visitstream.pipeline.transactions;

import dev.visitstream.pipeline.keyed.WriteKeyedOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.joda.time.Instant;

/**
 * Records to a topic in Kafka transactions that commit only once the checkpoint holding them has
 * completed (--exactlyOnce), with KafkaIO's exactly-once sink: it numbers its elements per shard,
 * keeps them in Flink state until the checkpoint completes, and writes each in a transaction that
 * also stores the shard's last number in the sink group, so that elements replayed after a restore
 * are recognised as written and dropped.
 *
 * <p>That sink writes one transaction per element and only an element's key and value. So each
 * bundle's records become one element ({@link RecordBatch}), which {@link RecordBatchProducer}
 * unpacks into the transaction, headers and all: a transaction per bundle and shard, not per
 * record.
 */
public final class WriteInTransactions
    extends PTransform<PCollection<ProducerRecord<byte[], byte[]>>, PDone> {

  /**
   * A bundle's records are cut into batches of about this many bytes: each batch is one element in
   * the sink's state and one transaction, and a bundle can hold 10,000 records or more.
   */
  static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

  private final String bootstrapServers;
  private final String topic;
  private final String sinkGroupId;
  private final int shards;

  public WriteInTransactions(
      String bootstrapServers, String topic, String sinkGroupId, int shards) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.sinkGroupId = sinkGroupId;
    this.shards = shards;
  }

  /**
   * The Kafka group that keeps the progress of a topic's writer. One per topic: KafkaIO names its
   * transactional producers after the group and the shard, so two writers sharing a group would
   * fence each other off.
   */
  public static String sinkGroup(String sinkGroupId, String topic) {
    return sinkGroupId + "." + topic;
  }

  @Override
  public PDone expand(PCollection<ProducerRecord<byte[], byte[]>> records) {
    return records
        .apply("Batch", ParDo.of(new BatchFn()))
        .setCoder(
            ProducerRecordCoder.of(NullableCoder.of(ByteArrayCoder.of()), ByteArrayCoder.of()))
        .apply(
            "KafkaWrite",
            KafkaIO.<byte[], byte[]>writeRecords()
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withKeySerializer(ByteArraySerializer.class)
                .withValueSerializer(ByteArraySerializer.class)
                .withProducerConfigUpdates(
                    Map.of(ProducerConfig.LINGER_MS_CONFIG, WriteKeyedOutput.LINGER_MS))
                .withProducerFactoryFn(RecordBatchProducer::new)
                .withEOS(shards, sinkGroup(sinkGroupId, topic)));
  }

  /** A bundle's records as batches; the batch's own key and topic are never written. */
  static final class BatchFn
      extends DoFn<ProducerRecord<byte[], byte[]>, ProducerRecord<byte[], byte[]>> {

    private transient List<ProducerRecord<byte[], byte[]>> batch;
    private transient long batchBytes;
    private transient Instant earliest;

    @StartBundle
    public void start() {
      batch = new ArrayList<>();
      batchBytes = 0;
      earliest = null;
    }

    @ProcessElement
    public void process(
        @Element ProducerRecord<byte[], byte[]> record,
        @Timestamp Instant timestamp,
        OutputReceiver<ProducerRecord<byte[], byte[]>> out) {
      batch.add(record);
      batchBytes += length(record.key()) + length(record.value());
      if (earliest == null || timestamp.isBefore(earliest)) {
        earliest = timestamp;
      }
      if (batchBytes >= MAX_BATCH_BYTES) {
        out.output(toElement());
        start();
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext context) {
      if (!batch.isEmpty()) {
        // KafkaIO's sink puts everything into the global window anyway.
        context.output(toElement(), earliest, GlobalWindow.INSTANCE);
      }
    }

    private ProducerRecord<byte[], byte[]> toElement() {
      return new ProducerRecord<>("", null, RecordBatch.encode(batch));
    }

    private static long length(byte[] bytes) {
      return bytes == null ? 0 : bytes.length;
    }
  }
}
