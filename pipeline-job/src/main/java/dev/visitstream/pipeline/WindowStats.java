package dev.visitstream.pipeline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The stats SQL stage: per 10 s tumbling window of event time, events, bytes and distinct users
 * in total and per http_response and age_bracket (window-stats.sql).
 *
 * <p>Each visit counts towards one row per (dimension, value), so that a single GROUP BY yields all
 * three breakdowns; a UNION ALL in Beam SQL would be a CoGroupByKey, which re-counts earlier panes
 * when late data comes in. Before the SQL, a bundle's visits are summed per (second, dimension,
 * value) ({@link BundleTotalsFn}): the windowed aggregation, its coders and its state were 55-60 %
 * of the job's CPU with three rows per visit (deploy/bench/RESULTS.md), and now see one row per
 * second and dimension value of each bundle, which carries its users as a {@link UserSet}. The runner holds the watermark while a bundle is open, so
 * these rows are never later than the visits they sum.
 *
 * <p>Timing: a window's rows are emitted once the watermark passes its end (event_ts lagging the
 * newest event by more than --maxEventDelaySeconds is late). A late event within
 * --allowedLatenessSeconds re-emits the rows it changes, with totals that include it (accumulating
 * panes, same Kafka key, so the newest record per key is the truth). An event later than that is
 * left out of the stats; it is still in website-out, and Flink counts it in the metric
 * droppedDueToLateness. A window emits only panes that hold events, never an empty one.
 */
public final class WindowStats extends PTransform<PCollection<Row>, PCollection<Row>> {

  static final String QUERY_RESOURCE = "window-stats.sql";

  public static final String TOTAL = "total";
  public static final String ALL = "all";

  static final Schema BUNDLE_TOTALS_SCHEMA =
      Schema.builder()
          .addDateTimeField("event_time")
          .addStringField("dimension")
          .addStringField("dim_value")
          .addStringField("users")
          // Nullable so that SUM over an empty window is a null Beam accepts, not a failed job
          // (window-stats.sql drops such rows).
          .addNullableField("events", Schema.FieldType.INT64)
          .addNullableField(VisitSchema.FILE_SIZE_BYTES, Schema.FieldType.INT64)
          .build();

  private final Duration allowedLateness;

  public WindowStats(Duration allowedLateness) {
    this.allowedLateness = allowedLateness;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> visits) {
    return visits
        .apply("BundleTotals", ParDo.of(new BundleTotalsFn()))
        .setRowSchema(BUNDLE_TOTALS_SCHEMA)
        .apply(
            "LateFirings",
            Window.<Row>configure()
                .triggering(
                    AfterWatermark.pastEndOfWindow()
                        .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(allowedLateness)
                // An on-time pane with no event in it would only repeat or zero a window's rows.
                .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_IF_NON_EMPTY)
                .accumulatingFiredPanes())
        .apply(
            "Sql",
            SqlTransform.query(KeyedOutputQuery.resource(QUERY_RESOURCE))
                .withAutoLoading(false)
                .registerUdaf(DistinctUsers.SQL_NAME, new DistinctUsers()));
  }

  /**
   * Sums a bundle's visits per (window, second of event time, dimension, value). Whole seconds
   * never straddle a window of whole seconds, and each row carries the newest event time of its
   * visits, so the SQL puts it in the window of every visit it sums.
   */
  static final class BundleTotalsFn extends DoFn<Row, Row> {
    private transient Map<Bucket, Totals> totals;

    @StartBundle
    public void start() {
      totals = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element Row visit, BoundedWindow window) {
      long eventTs = visit.getInt64(VisitSchema.EVENT_TS);
      long second = Math.floorDiv(eventTs, 1000L);
      String user = visit.getString(VisitSchema.ID);
      long bytes = visit.getInt64(VisitSchema.FILE_SIZE_BYTES);
      String response = String.valueOf(visit.getInt32(VisitSchema.HTTP_RESPONSE));
      String age = visit.getString(VisitSchema.AGE_BRACKET);
      add(new Bucket(window, second, TOTAL, ALL), user, eventTs, bytes);
      add(new Bucket(window, second, VisitSchema.HTTP_RESPONSE, response), user, eventTs, bytes);
      add(new Bucket(window, second, VisitSchema.AGE_BRACKET, age), user, eventTs, bytes);
    }

    private void add(Bucket bucket, String user, long eventTs, long bytes) {
      Totals sum = totals.computeIfAbsent(bucket, b -> new Totals());
      sum.events++;
      sum.bytes += bytes;
      sum.newest = Math.max(sum.newest, eventTs);
      sum.users.add(user);
    }

    @FinishBundle
    public void finish(FinishBundleContext context) {
      totals.forEach(
          (bucket, sum) -> {
            Instant newest = new Instant(sum.newest);
            Row row =
                Row.withSchema(BUNDLE_TOTALS_SCHEMA)
                    .attachValues(
                        Arrays.asList(
                            newest,
                            bucket.dimension,
                            bucket.value,
                            UserSet.pack(sum.users),
                            sum.events,
                            sum.bytes));
            context.output(row, newest, bucket.window);
          });
      totals = new HashMap<>();
    }
  }

  private static final class Totals {
    long events;
    long bytes;
    long newest = Long.MIN_VALUE;
    final Set<String> users = new HashSet<>();
  }

  private static final class Bucket {
    final BoundedWindow window;
    final long second;
    final String dimension;
    final String value;

    Bucket(BoundedWindow window, long second, String dimension, String value) {
      this.window = window;
      this.second = second;
      this.dimension = dimension;
      this.value = value;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Bucket)) {
        return false;
      }
      Bucket that = (Bucket) other;
      return second == that.second
          && window.equals(that.window)
          && dimension.equals(that.dimension)
          && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(window, second, dimension, value);
    }
  }
}
