package dev.visitstream.pipeline.keyed;

import dev.visitstream.pipeline.BundleCounter;
import dev.visitstream.pipeline.PipelineMetrics;
import dev.visitstream.pipeline.transactions.WriteInTransactions;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Keyed-output rows to website-out records ({@link KeyedOutputJson}), written exactly once in Kafka
 * transactions ({@link WriteInTransactions}) instead of by {@link WriteKeyedOutput}'s producer.
 */
public final class WriteKeyedOutputInTransactions extends PTransform<PCollection<Row>, PDone> {

  private final String bootstrapServers;
  private final String topic;
  private final String sinkGroupId;
  private final int shards;

  public WriteKeyedOutputInTransactions(
      String bootstrapServers, String topic, String sinkGroupId, int shards) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.sinkGroupId = sinkGroupId;
    this.shards = shards;
  }

  @Override
  public PDone expand(PCollection<Row> keyed) {
    return keyed
        .apply("ToRecord", ParDo.of(new ToRecordFn(topic, new KeyedOutputJson(keyed.getSchema()))))
        .setCoder(
            ProducerRecordCoder.of(
                NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of())))
        .apply(
            "WriteInTransactions",
            new WriteInTransactions(bootstrapServers, topic, sinkGroupId, shards));
  }

  static final class ToRecordFn extends DoFn<Row, ProducerRecord<byte[], byte[]>> {
    private final String topic;
    private final KeyedOutputJson json;
    private final BundleCounter written = new BundleCounter(PipelineMetrics.WRITTEN);

    ToRecordFn(String topic, KeyedOutputJson json) {
      this.topic = topic;
      this.json = json;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<ProducerRecord<byte[], byte[]>> out) {
      out.output(new ProducerRecord<>(topic, json.key(row), json.value(row)));
      written.inc();
    }

    @FinishBundle
    public void finish() {
      written.flush();
    }
  }
}
