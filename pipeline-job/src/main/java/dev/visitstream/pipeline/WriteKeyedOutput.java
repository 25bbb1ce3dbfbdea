package dev.visitstream.pipeline;

import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Keyed-output rows to website-out records ({@link KeyedOutputJson}), written with KafkaIO. */
public final class WriteKeyedOutput extends PTransform<PCollection<Row>, PDone> {

  private final String bootstrapServers;
  private final String topic;

  public WriteKeyedOutput(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  @Override
  public PDone expand(PCollection<Row> keyed) {
    return keyed
        .apply("Encode", ParDo.of(new EncodeFn()))
        .setCoder(KvCoder.of(ByteArrayCoder.of(), ByteArrayCoder.of()))
        .apply(
            "KafkaWrite",
            KafkaIO.<byte[], byte[]>write()
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withKeySerializer(ByteArraySerializer.class)
                .withValueSerializer(ByteArraySerializer.class));
  }

  static final class EncodeFn extends DoFn<Row, KV<byte[], byte[]>> {
    private final BundleCounter written = new BundleCounter(PipelineMetrics.WRITTEN);

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<byte[], byte[]>> out) {
      out.output(KV.of(KeyedOutputJson.key(row), KeyedOutputJson.value(row)));
      written.inc();
    }

    @FinishBundle
    public void countBundle() {
      written.flush();
    }
  }
}
