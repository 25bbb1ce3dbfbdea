package dev.visitstream.pipeline.query;

import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A query's rows to its result topic ({@link QueryRowJson}), written with KafkaIO. */
public final class WriteQueryRows extends PTransform<PCollection<Row>, PDone> {

  private final String bootstrapServers;
  private final String topic;
  private final List<Integer> keyColumns;

  public WriteQueryRows(String bootstrapServers, String topic, List<Integer> keyColumns) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.keyColumns = List.copyOf(keyColumns);
  }

  @Override
  public PDone expand(PCollection<Row> rows) {
    return rows.apply("Encode", ParDo.of(new EncodeFn(keyColumns)))
        .setCoder(KvCoder.of(NullableCoder.of(ByteArrayCoder.of()), ByteArrayCoder.of()))
        .apply(
            "KafkaWrite",
            KafkaIO.<byte[], byte[]>write()
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withKeySerializer(ByteArraySerializer.class)
                .withValueSerializer(ByteArraySerializer.class));
  }

  static final class EncodeFn extends DoFn<Row, KV<byte[], byte[]>> {
    private final List<Integer> keyColumns;
    private transient QueryRowJson json;

    EncodeFn(List<Integer> keyColumns) {
      this.keyColumns = keyColumns;
    }

    @Setup
    public void setup() {
      json = new QueryRowJson(keyColumns);
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<byte[], byte[]>> out) {
      out.output(KV.of(json.key(row), json.value(row)));
    }
  }
}
