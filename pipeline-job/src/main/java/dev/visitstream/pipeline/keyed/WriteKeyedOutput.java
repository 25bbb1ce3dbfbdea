package dev.visitstream.pipeline.keyed;

import dev.visitstream.pipeline.BundleCounter;
import dev.visitstream.pipeline.PipelineMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Keyed-output rows to website-out records ({@link KeyedOutputJson}), encoded and sent by this
 * step's own Kafka producer, as KafkaIO's writer sends them: asynchronously, flushed at every
 * bundle end, so a checkpoint (which ends the bundle first) never passes an unacknowledged record,
 * and a failed send fails the bundle, which Flink replays from the last checkpoint.
 *
 * <p>Why not KafkaIO.write(): it adds two chained steps per record (a map to a ProducerRecord, then
 * the writer), each with the runner's per-element work, and a counter update per record: costs that
 * count on website-out, the job's largest stream. The dead letters and the stats, a few records a
 * second, keep KafkaIO.
 */
public final class WriteKeyedOutput extends PTransform<PCollection<Row>, PDone> {

  /**
   * A record may wait this long for more to share its produce request: fuller requests, less work
   * per record for a broker that may share the job's cores. A bundle end flushes sooner anyway.
   */
  public static final int LINGER_MS = 5;

  private final String bootstrapServers;
  private final String topic;

  public WriteKeyedOutput(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  @Override
  public PDone expand(PCollection<Row> keyed) {
    keyed.apply(
        "Produce",
        ParDo.of(new ProduceFn(bootstrapServers, topic, new KeyedOutputJson(keyed.getSchema()))));
    return PDone.in(keyed.getPipeline());
  }

  static final class ProduceFn extends DoFn<Row, Void> {
    private final String bootstrapServers;
    private final String topic;
    private final KeyedOutputJson json;
    private final BundleCounter written = new BundleCounter(PipelineMetrics.WRITTEN);

    private transient KafkaProducer<byte[], byte[]> producer;

    /** The first send that failed since the last check; set on the producer's I/O thread. */
    private transient AtomicReference<Exception> failed;

    private transient Callback onSent;

    ProduceFn(String bootstrapServers, String topic, KeyedOutputJson json) {
      this.bootstrapServers = bootstrapServers;
      this.topic = topic;
      this.json = json;
    }

    @Setup
    public void setup() {
      failed = new AtomicReference<>();
      onSent =
          (metadata, exception) -> {
            if (exception != null) {
              failed.compareAndSet(null, exception);
            }
          };
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                  ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
                  ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024),
              new ByteArraySerializer(),
              new ByteArraySerializer());
    }

    @ProcessElement
    public void process(@Element Row row) {
      throwIfFailed();
      producer.send(new ProducerRecord<>(topic, json.key(row), json.value(row)), onSent);
      written.inc();
    }

    @FinishBundle
    public void finish() {
      producer.flush();
      throwIfFailed();
      written.flush();
    }

    @Teardown
    public void teardown() {
      if (producer != null) {
        producer.close(Duration.ofSeconds(10));
      }
    }

    private void throwIfFailed() {
      Exception failure = failed.getAndSet(null);
      if (failure != null) {
        throw new IllegalStateException(
            "writing to Kafka topic " + topic + " failed: " + failure.getMessage(), failure);
      }
    }
  }
}
