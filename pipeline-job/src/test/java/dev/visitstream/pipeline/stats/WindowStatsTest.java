package dev.visitstream.pipeline.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitstream.pipeline.parse.VisitJson;
import dev.visitstream.pipeline.parse.VisitSchema;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.schemas.Schema;
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
 * The stats stage in event time: on-time panes when the watermark passes a window, a late pane with
 * updated totals for a late event within the allowed lateness, nothing for a later one.
 */
public class WindowStatsTest {

  private static final long T0 = 1_700_000_000_000L; // a multiple of 10 s: a window start
  private static final Duration ALLOWED_LATENESS = Duration.standardSeconds(60);
  private static final IntervalWindow FIRST =
      new IntervalWindow(new Instant(T0), WindowStats.WINDOW);
  private static final IntervalWindow SECOND = new IntervalWindow(FIRST.end(), WindowStats.WINDOW);

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static TimestampedValue<Row> visit(
      String user, long offsetMillis, int response, String age, long bytes)
      throws VisitJson.InvalidVisit {
    SampleVisit visit =
        SampleVisit.of(user, T0 + offsetMillis)
            .with(VisitField.HTTP_RESPONSE, response)
            .with(VisitField.AGE_BRACKET, age)
            .with(VisitField.FILE_SIZE_BYTES, bytes);
    return TimestampedValue.of(VisitJson.parse(visit.bytes()), new Instant(T0 + offsetMillis));
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
        + stats.getInt64("distinct_users")
        + " window="
        + (stats.getDateTime("window_start").getMillis() - T0) / 1000
        + ".."
        + (stats.getDateTime("window_end").getMillis() - T0) / 1000;
  }

  @Test
  public void windowsFireOnTimeThenOnceMorePerLateEventWithinTheAllowedLateness() throws Exception {
    Schema schema = VisitSchema.SCHEMA;
    TestStream<Row> visits =
        TestStream.create(schema)
            .addElements(
                visit("user-a", 1_000, 200, "26-40", 100),
                visit("user-b", 2_000, 404, "41-55", 200),
                visit("user-a", 3_000, 200, "26-40", 300))
            .addElements(visit("user-c", 12_000, 200, "18-25", 50))
            .advanceWatermarkTo(new Instant(T0 + 15_000))
            // late for the first window, within the allowed lateness
            .addElements(visit("user-d", 5_000, 200, "26-40", 1_000))
            .advanceWatermarkTo(FIRST.end().plus(ALLOWED_LATENESS).plus(Duration.millis(1)))
            // later than the allowed lateness: left out of the stats
            .addElements(visit("user-e", 6_000, 500, "65+", 7))
            .advanceWatermarkToInfinity();

    PCollection<String> stats =
        pipeline
            .apply(visits)
            .apply(new WindowStats(ALLOWED_LATENESS))
            .apply(MapElements.into(TypeDescriptors.strings()).via(WindowStatsTest::describe));

    PAssert.that(stats)
        .inOnTimePane(FIRST)
        .containsInAnyOrder(
            "total=all events=3 bytes=600 users=2 window=0..10",
            "http_response=200 events=2 bytes=400 users=1 window=0..10",
            "http_response=404 events=1 bytes=200 users=1 window=0..10",
            "age_bracket=26-40 events=2 bytes=400 users=1 window=0..10",
            "age_bracket=41-55 events=1 bytes=200 users=1 window=0..10");
    PAssert.that(stats)
        .inLatePane(FIRST)
        .containsInAnyOrder(
            "total=all events=4 bytes=1600 users=3 window=0..10",
            "http_response=200 events=3 bytes=1400 users=2 window=0..10",
            "age_bracket=26-40 events=3 bytes=1400 users=2 window=0..10");
    // every pane of the first window together: nothing from the event after the allowed lateness
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
            "total=all events=1 bytes=50 users=1 window=10..20",
            "http_response=200 events=1 bytes=50 users=1 window=10..20",
            "age_bracket=18-25 events=1 bytes=50 users=1 window=10..20");

    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aWindowClosedByOneWatermarkJumpEmitsItsLateEventsAndNoEmptyPane() throws Exception {
    TestStream<Row> visits =
        TestStream.create(VisitSchema.SCHEMA)
            .advanceWatermarkTo(new Instant(T0 + 15_000))
            // the first event of the first window is already late
            .addElements(visit("user-a", 1_000, 200, "26-40", 100))
            .advanceWatermarkTo(new Instant(T0 + 20_000))
            .addElements(
                visit("user-b", 21_000, 404, "41-55", 200),
                visit("user-c", 31_000, 200, "18-25", 50))
            // past the end and the garbage collection of every window at once, as when an idle
            // partition moves the watermark to now
            .advanceWatermarkTo(new Instant(T0 + 200_000))
            .advanceWatermarkToInfinity();

    PCollection<String> stats =
        pipeline
            .apply(visits)
            .apply(new WindowStats(ALLOWED_LATENESS))
            .apply(MapElements.into(TypeDescriptors.strings()).via(WindowStatsTest::describe));

    PAssert.that(stats)
        .containsInAnyOrder(
            "total=all events=1 bytes=100 users=1 window=0..10",
            "http_response=200 events=1 bytes=100 users=1 window=0..10",
            "age_bracket=26-40 events=1 bytes=100 users=1 window=0..10",
            "total=all events=1 bytes=200 users=1 window=20..30",
            "http_response=404 events=1 bytes=200 users=1 window=20..30",
            "age_bracket=41-55 events=1 bytes=200 users=1 window=20..30",
            "total=all events=1 bytes=50 users=1 window=30..40",
            "http_response=200 events=1 bytes=50 users=1 window=30..40",
            "age_bracket=18-25 events=1 bytes=50 users=1 window=30..40");

    pipeline.run().waitUntilFinish();
  }

  @Test
  public void statsRecordsFollowTheContract() throws Exception {
    Row row =
        Row.withSchema(
                Schema.builder()
                    .addDateTimeField("window_start")
                    .addDateTimeField("window_end")
                    .addStringField("dimension")
                    .addStringField("dim_value")
                    .addInt64Field("events")
                    .addInt64Field("bytes")
                    .addInt64Field("distinct_users")
                    .build())
            .addValues(
                new Instant(T0), new Instant(T0 + 10_000), "http_response", "200", 3L, 1400L, 2L)
            .build();

    assertThat(new String(WindowStatsJson.key(row), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"window_start\":1700000000000,\"dimension\":\"http_response\",\"value\":\"200\"}");
    assertThat(new String(WindowStatsJson.value(row), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"window_start\":1700000000000,\"window_end\":1700000010000,"
                + "\"dimension\":\"http_response\",\"value\":\"200\","
                + "\"events\":3,\"bytes\":1400,\"distinct_users\":2}");
  }
}
