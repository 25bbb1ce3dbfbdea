package dev.visitstream.pipeline.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitstream.broker.TestKafka;
import dev.visitstream.pipeline.KafkaTopics;
import dev.visitstream.pipeline.PipelineMetrics;
import dev.visitstream.pipeline.parse.VisitJson;
import dev.visitstream.pipeline.parse.VisitSchema;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * website-out's writer against the real broker: a bundle's records are all acknowledged when the
 * bundle ends, and a record the broker refuses fails the bundle (Flink then replays it from the
 * last checkpoint) instead of being lost without a word.
 */
class WriteKeyedOutputIT {

  /** The columns of the built-in keyed-output query: the visit's, with id as event_id. */
  private static final Schema KEYED = keyedSchema();

  private static Schema keyedSchema() {
    Schema.Builder keyed = Schema.builder();
    for (Schema.Field field : VisitSchema.SCHEMA.getFields()) {
      boolean id = field.getName().equals(VisitField.ID.jsonName());
      keyed.addField(id ? KeyedOutput.EVENT_ID : field.getName(), field.getType());
    }
    return keyed.build();
  }

  private KafkaTopics kafka;
  private String topic;

  /** Where the writer's counter goes, as the runner's container for the step would take it. */
  private final MetricsContainerImpl metrics = new MetricsContainerImpl("WriteKeyedOutput");

  @BeforeEach
  void topics() {
    kafka = new KafkaTopics(TestKafka.bootstrapServers());
    topic = "out-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void close() {
    kafka.close();
  }

  private static Row visit(String user, long eventTs) {
    try {
      Row parsed = VisitJson.parse(SampleVisit.of(user, eventTs).with(VisitField.LNG, "").bytes());
      return Row.withSchema(KEYED).addValues(parsed.getValues()).build();
    } catch (VisitJson.InvalidVisit e) {
      throw new AssertionError(e);
    }
  }

  private WriteKeyedOutput.ProduceFn writer() {
    WriteKeyedOutput.ProduceFn writer =
        new WriteKeyedOutput.ProduceFn(kafka.bootstrapServers, topic, new KeyedOutputJson(KEYED));
    writer.setup();
    return writer;
  }

  @Test
  void everyRecordOfABundleIsInTheTopicWhenTheBundleEnds() throws Exception {
    kafka.create(3, topic);
    WriteKeyedOutput.ProduceFn writer = writer();
    try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(metrics)) {
      for (int i = 0; i < 3; i++) {
        writer.process(visit("user-" + i, 1_764_000_000_000L + i));
      }
      writer.finish();
    } finally {
      writer.teardown();
    }
    assertThat(written()).isEqualTo(3);

    try (KafkaTopics.Reader reader = kafka.reader(topic)) {
      // acknowledged at finish(): all there at once, no waiting for stragglers
      List<ConsumerRecord<byte[], byte[]>> records =
          reader.until(read -> read.size() >= 3, Duration.ofSeconds(10), "3 records");
      assertThat(records)
          .extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
          .containsExactlyInAnyOrder(
              "{\"event_id\":\"user-0\",\"event_ts\":1764000000000}",
              "{\"event_id\":\"user-1\",\"event_ts\":1764000000001}",
              "{\"event_id\":\"user-2\",\"event_ts\":1764000000002}");
      assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
          .startsWith("{\"ip\":\"203.0.113.7\",\"id\":\"user-")
          .contains("\"lng\":-1.0", "\"http_response\":200", "\"event_ts\":17640000000");
    }
  }

  @Test
  void aRecordTheBrokerRefusesFailsTheBundleAndNamesTheTopic() throws Exception {
    kafka.create(1, Map.of("max.message.bytes", "100"), topic);
    WriteKeyedOutput.ProduceFn writer = writer();
    try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(metrics)) {
      writer.process(visit("user-0", 1_764_000_000_000L));

      assertThatThrownBy(writer::finish)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("writing to Kafka topic " + topic + " failed")
          .hasCauseInstanceOf(RecordTooLargeException.class);
    } finally {
      writer.teardown();
    }
    assertThat(written()).as("a refused record is not counted as written").isZero();
  }

  private long written() {
    return metrics
        .getCounter(MetricName.named(PipelineMetrics.NAMESPACE, PipelineMetrics.WRITTEN))
        .getCumulative();
  }
}
