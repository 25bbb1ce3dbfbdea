package dev.visitstream.pipeline.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitstream.pipeline.parse.VisitJson;
import dev.visitstream.pipeline.parse.VisitSchema;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.TestFlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * The bundle sums before the stats query change no result: on every data shape of the benchmark
 * suite, the stats of the job (visits summed per bundle, window and dimension value) equal those of
 * the same windowed query fed one row per visit and dimension, window by window and value by value
 * (the newest pane of each, as a reader of website-stats keeps it).
 */
@RunWith(Parameterized.class)
public class BundleTotalsTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final int VISITS = 3_000;
  private static final Duration ALLOWED_LATENESS = Duration.standardSeconds(60);
  private static final Duration WATERMARK_DELAY = Duration.standardSeconds(5);
  private static final int[] RESPONSES = {200, 200, 200, 200, 200, 200, 304, 404, 500};
  private static final String[] AGES = {"18-25", "26-40", "41-55", "56+"};

  /** Newest pane per (window, dimension, value), per run: "summed" and "plain". */
  private static final Map<String, Map<String, Pane>> NEWEST = new ConcurrentHashMap<>();

  @Parameters(name = "{0}")
  public static List<Object[]> shapes() {
    return Arrays.asList(
        new Object[] {"1000 per second, 1000 users", 1_000, 1_000, 0.0},
        new Object[] {"50 per second, 500 users", 50, 500, 0.0},
        new Object[] {"5 per second, 1000 users", 5, 1_000, 0.0},
        new Object[] {"1000 per second, 100 users", 1_000, 100, 0.0},
        new Object[] {"1000 per second, 100000 users", 1_000, 100_000, 0.0},
        new Object[] {"1000 per second, 10 % late by 30 s", 1_000, 1_000, 0.1});
  }

  private final String shape;
  private final int perSecond;
  private final int users;
  private final double lateShare;

  @Rule public final transient TestPipeline pipeline = TestPipeline.fromOptions(onFlink());

  public BundleTotalsTest(String shape, int perSecond, int users, double lateShare) {
    this.shape = shape;
    this.perSecond = perSecond;
    this.users = users;
    this.lateShare = lateShare;
  }

  private static FlinkPipelineOptions onFlink() {
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(TestFlinkRunner.class);
    options.setStreaming(true);
    options.setParallelism(1);
    // Bundles of hundreds of visits, so that a sum stands for many of them, across windows on the
    // sparse shapes.
    options.setMaxBundleSize(500L);
    return options;
  }

  @Test
  public void bundleSumsGiveTheStatsOfOneRowPerVisit() throws Exception {
    PCollection<Row> visits = pipeline.apply(visits());
    visits
        .apply(new WindowStats(ALLOWED_LATENESS))
        .apply("NewestSummed", ParDo.of(new KeepNewest(shape + "/summed")));
    WindowStats.sumsToStats(
            visits
                .apply("OneRowPerVisit", ParDo.of(new OneRowPerVisitAndDimension()))
                .setRowSchema(WindowStats.SUMS_SCHEMA),
            ALLOWED_LATENESS)
        .apply("NewestPlain", ParDo.of(new KeepNewest(shape + "/plain")));

    pipeline.run().waitUntilFinish();

    Map<String, String> summed = values(NEWEST.get(shape + "/summed"));
    Map<String, String> plain = values(NEWEST.get(shape + "/plain"));
    assertThat(plain).hasSizeGreaterThan(VISITS / (perSecond * 10) * 3);
    assertThat(summed).isEqualTo(plain);
  }

  /** The visits of the shape in arrival order, the watermark trailing the newest event_ts. */
  @SuppressWarnings("unchecked") // TestStream takes a batch as varargs
  private TestStream<Row> visits() throws VisitJson.InvalidVisit {
    Random random = new Random(shape.hashCode());
    TestStream.Builder<Row> stream = TestStream.create(VisitSchema.SCHEMA);
    List<TimestampedValue<Row>> batch = new ArrayList<>();
    long newest = T0;
    for (int i = 0; i < VISITS; i++) {
      long eventTs = T0 + i * 1000L / perSecond;
      newest = Math.max(newest, eventTs);
      if (random.nextDouble() < lateShare) {
        eventTs -= 30_000;
      }
      int response = RESPONSES[random.nextInt(RESPONSES.length)];
      SampleVisit visit =
          SampleVisit.of("user-" + random.nextInt(users), eventTs)
              .with(VisitField.HTTP_RESPONSE, response)
              .with(VisitField.AGE_BRACKET, AGES[random.nextInt(AGES.length)])
              .with(VisitField.FILE_SIZE_BYTES, 100 + random.nextInt(100_000));
      batch.add(TimestampedValue.of(VisitJson.parse(visit.bytes()), new Instant(eventTs)));
      if (batch.size() == 100) {
        stream =
            stream
                .addElements(
                    batch.get(0), batch.subList(1, batch.size()).toArray(new TimestampedValue[0]))
                .advanceWatermarkTo(new Instant(newest).minus(WATERMARK_DELAY));
        batch.clear();
      }
    }
    return stream.advanceWatermarkToInfinity();
  }

  private static Map<String, String> values(Map<String, Pane> panes) {
    Map<String, String> values = new TreeMap<>();
    panes.forEach((key, pane) -> values.put(key, pane.value));
    return values;
  }

  /** One row per visit and dimension, as if every bundle held one visit. */
  static final class OneRowPerVisitAndDimension extends DoFn<Row, Row> {
    @ProcessElement
    public void process(@Element Row visit, OutputReceiver<Row> out) {
      long eventTs = visit.getInt64(VisitField.EVENT_TS.jsonName());
      long bytes = visit.getInt64(VisitField.FILE_SIZE_BYTES.jsonName());
      String users = UserSet.pack(List.of(visit.getString(VisitField.ID.jsonName())));
      String[][] dimensions = {
        {WindowStats.TOTAL, WindowStats.ALL},
        {
          VisitField.HTTP_RESPONSE.jsonName(),
          String.valueOf(visit.getInt32(VisitField.HTTP_RESPONSE.jsonName()))
        },
        {VisitField.AGE_BRACKET.jsonName(), visit.getString(VisitField.AGE_BRACKET.jsonName())}
      };
      for (String[] dimension : dimensions) {
        out.output(
            Row.withSchema(WindowStats.SUMS_SCHEMA)
                .addValues(new Instant(eventTs), dimension[0], dimension[1], users, 1L, bytes)
                .build());
      }
    }
  }

  /** Keeps the newest pane of each stats row's key in {@link #NEWEST}. */
  static final class KeepNewest extends DoFn<Row, Void> {
    private final String run;

    KeepNewest(String run) {
      this.run = run;
    }

    @ProcessElement
    public void process(@Element Row stats, BoundedWindow window, PaneInfo pane) {
      String key =
          ((IntervalWindow) window).start().getMillis()
              + " "
              + stats.getString("dimension")
              + "="
              + stats.getString("dim_value");
      String value =
          "events="
              + stats.getInt64("events")
              + " bytes="
              + stats.getInt64("bytes")
              + " users="
              + stats.getInt64("distinct_users");
      NEWEST
          .computeIfAbsent(run, any -> new ConcurrentHashMap<>())
          .merge(
              key,
              new Pane(pane.getIndex(), value),
              (old, now) -> now.index > old.index ? now : old);
    }
  }

  private static final class Pane {
    final long index;
    final String value;

    Pane(long index, String value) {
      this.index = index;
      this.value = value;
    }
  }
}
