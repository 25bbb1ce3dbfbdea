package dev.visitstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitstream.pipeline.deadletter.DeadLetter;
import dev.visitstream.pipeline.keyed.KeyedOutput;
import dev.visitstream.pipeline.keyed.KeyedOutputQuery;
import dev.visitstream.pipeline.stats.WindowStats;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.TestFlinkRunner;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecordCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The whole job between its Kafka edges ({@link VisitGraph}) on the Flink runner, fed website-visit
 * records by a TestStream: valid visits keyed, bad records dead-lettered with their reasons, stats
 * windows on time, a late event within the allowed lateness updating its window, a later one keyed
 * but left out of the stats.
 */
public class VisitGraphTest {

  private static final long T0 = 1_700_000_000_000L; // a window start
  private static final Duration ALLOWED_LATENESS = Duration.standardSeconds(60);
  private static final IntervalWindow FIRST =
      new IntervalWindow(new Instant(T0), WindowStats.WINDOW);
  private static final IntervalWindow SECOND = new IntervalWindow(FIRST.end(), WindowStats.WINDOW);

  @Rule public final transient TestPipeline pipeline = TestPipeline.fromOptions(onFlink());

  private static FlinkPipelineOptions onFlink() {
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(TestFlinkRunner.class);
    options.setStreaming(true);
    options.setParallelism(1);
    // The runner holds a watermark back while a bundle is open: with one record per bundle each
    // watermark of the stream passes before the records after it, as when records come apart in
    // time.
    options.setMaxBundleSize(1L);
    return options;
  }

  /** A record stamped with its event time, as the Kafka read stamps it. */
  private static TimestampedValue<KafkaRecord<byte[], byte[]>> record(
      long offset, long offsetMillis, String value) {
    return TimestampedValue.of(
        TestVisit.record(offset, "key-" + offset, value), new Instant(T0 + offsetMillis));
  }

  private static TimestampedValue<KafkaRecord<byte[], byte[]>> visit(
      long offset, String user, long offsetMillis, int response, String age, long bytes) {
    SampleVisit visit =
        SampleVisit.of(user, T0 + offsetMillis)
            .with(VisitField.HTTP_RESPONSE, response)
            .with(VisitField.AGE_BRACKET, age)
            .with(VisitField.FILE_SIZE_BYTES, bytes);
    return record(offset, offsetMillis, visit.json());
  }

  private static String describe(Row stats) {
    return stats.getString("dimension")
        + "="
        + stats.getString("dim_value")
        + " events="
        + stats.getInt64("events")
        + " bytes="
        + stats.getInt64("bytes")
        + " users="
        + stats.getInt64("distinct_users");
  }

  @Test
  public void visitsAreKeyedBadRecordsDeadLetteredAndWindowsCountedLateEventsIncluded() {
    TestStream<KafkaRecord<byte[], byte[]>> records =
        TestStream.create(
                KafkaRecordCoder.of(
                    NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of())))
            .addElements(
                visit(0, "user-a", 1_000, 200, "26-40", 100),
                visit(1, "user-b", 2_000, 404, "41-55", 200),
                // a record that is no visit takes the newest event time seen
                record(2, 2_000, "{not json"),
                record(
                    3, 3_000, SampleVisit.of("user-x", T0 + 3_000).without(VisitField.IP).json()),
                visit(4, "user-c", 12_000, 200, "18-25", 50))
            .advanceWatermarkTo(new Instant(T0 + 15_000))
            // late for the first window, within the allowed lateness
            .addElements(visit(5, "user-d", 5_000, 200, "26-40", 1_000))
            .advanceWatermarkTo(FIRST.end().plus(ALLOWED_LATENESS).plus(Duration.millis(1)))
            // later than the allowed lateness: keyed, but left out of the stats
            .addElements(visit(6, "user-e", 6_000, 500, "65+", 7))
            .advanceWatermarkToInfinity();

    VisitGraph.Outputs outputs =
        new VisitGraph(KeyedOutputQuery.builtIn(), true, ALLOWED_LATENESS)
            .apply(pipeline.apply(records));

    PAssert.that(
            outputs
                .keyed()
                .apply(
                    "EventIds",
                    MapElements.into(TypeDescriptors.strings())
                        .via(row -> row.getString(KeyedOutput.EVENT_ID))))
        .containsInAnyOrder("user-a", "user-b", "user-c", "user-d", "user-e");

    PAssert.that(
            outputs
                .deadLetters()
                .apply(
                    "Reasons",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (DeadLetter letter) ->
                                letter.record().getOffset() + ": " + letter.reason())))
        .containsInAnyOrder(
            "2: malformed JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
            "3: field 'ip' is missing");

    PCollection<String> stats =
        outputs
            .stats()
            .orElseThrow()
            .apply(
                "Describe",
                MapElements.into(TypeDescriptors.strings()).via(VisitGraphTest::describe));
    PAssert.that(stats)
        .inOnTimePane(FIRST)
        .containsInAnyOrder(
            "total=all events=2 bytes=300 users=2",
            "http_response=200 events=1 bytes=100 users=1",
            "http_response=404 events=1 bytes=200 users=1",
            "age_bracket=26-40 events=1 bytes=100 users=1",
            "age_bracket=41-55 events=1 bytes=200 users=1");
    PAssert.that(stats)
        .inLatePane(FIRST)
        .containsInAnyOrder(
            "total=all events=3 bytes=1300 users=3",
            "http_response=200 events=2 bytes=1100 users=2",
            "age_bracket=26-40 events=2 bytes=1100 users=2");
    PAssert.that(stats)
        .inWindow(FIRST)
        .satisfies(
            rows -> {
              assertThat(rows)
                  .hasSize(8)
                  .noneMatch(row -> row.contains("500") || row.contains("65+"));
              return null;
            });
    PAssert.that(stats)
        .inOnTimePane(SECOND)
        .containsInAnyOrder(
            "total=all events=1 bytes=50 users=1",
            "http_response=200 events=1 bytes=50 users=1",
            "age_bracket=18-25 events=1 bytes=50 users=1");

    pipeline.run().waitUntilFinish();
  }
}
