package dev.visitstream.pipeline.stats;

import dev.visitstream.pipeline.PipelineMetrics;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Stats rows to website-stats records ({@link WindowStatsJson}), written with KafkaIO. */
public final class WriteWindowStats extends PTransform<PCollection<Row>, PDone> {

  private final String bootstrapServers;
  private final String topic;

  public WriteWindowStats(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  @Override
  public PDone expand(PCollection<Row> stats) {
    return stats
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
    private final Counter records = PipelineMetrics.counter(PipelineMetrics.STATS_RECORDS);
    private final Counter windows = PipelineMetrics.counter(PipelineMetrics.STATS_WINDOWS);

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<byte[], byte[]>> out) {
      out.output(KV.of(WindowStatsJson.key(row), WindowStatsJson.value(row)));
      records.inc();
      if (WindowStats.TOTAL.equals(row.getString("dimension"))) {
        windows.inc(); // one "total" row per window pane
      }
    }
  }
}
