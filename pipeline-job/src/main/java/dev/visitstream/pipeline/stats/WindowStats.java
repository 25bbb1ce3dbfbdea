package dev.visitstream.pipeline.stats;

import dev.visitstream.pipeline.keyed.KeyedOutputQuery;
import dev.visitstream.pipeline.runner.StableSqlNames;
import dev.visitstream.visit.VisitField;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The stats SQL stage: per tumbling window of event time ({@link #WINDOW}), events, bytes and
 * distinct users in total and per http_response and age_bracket (window-stats.sql).
 *
 * <p>Each visit counts towards one row per (dimension, value), so that a single GROUP BY yields all
 * three breakdowns; a UNION ALL in Beam SQL would be a CoGroupByKey, which re-counts earlier panes
 * when late data comes in. Before the SQL, a bundle's visits are summed per (stats window,
 * dimension, value) ({@link BundleTotalsFn}): the windowed aggregation, its coders and its state
 * cost per row, and three rows per visit would make them the job's largest cost, so they see one
 * row per window and dimension value of each bundle, which carries its users as a {@link UserSet}.
 * The runner holds the watermark while a bundle is open, so these rows are never later than the
 * visits they sum, and the stats are those of one row per visit (BundleTotalsTest). The windowed
 * aggregation still costs per window and dimension value: data sparse in event time (few visits per
 * window) costs more per visit than dense data.
 *
 * <p>Timing: a window's rows are emitted once the watermark passes its end (event_ts lagging the
 * newest event by more than --maxEventDelaySeconds is late). A late event within
 * --allowedLatenessSeconds re-emits the rows it changes, with totals that include it (accumulating
 * panes, same Kafka key, so the newest record per key is the truth). An event later than that is
 * left out of the stats; it is still in website-out, and Flink counts it in the metric
 * droppedDueToLateness. A window emits only panes that hold events, never an empty one.
 */
public final class WindowStats extends PTransform<PCollection<Row>, PCollection<Row>> {

  /**
   * The length of the stats windows, set here only: the query's TUMBLEs get it in place of {@link
   * #WINDOW_PLACEHOLDER}, and the bundle sums, which must not straddle two windows, use it too.
   */
  public static final Duration WINDOW = Duration.standardSeconds(10);

  static final String QUERY_RESOURCE = "window-stats.sql";

  /** Where window-stats.sql has the stats window, as a SQL interval. */
  static final String WINDOW_PLACEHOLDER = "{stats_window}";

  private static final long WINDOW_MILLIS = WINDOW.getMillis();

  public static final String TOTAL = "total";
  public static final String ALL = "all";

  static final Schema SUMS_SCHEMA =
      Schema.builder()
          .addDateTimeField("event_time")
          .addStringField("dimension")
          .addStringField("dim_value")
          .addStringField("users")
          // Nullable so that SUM over an empty window is a null Beam accepts, not a failed job
          // (window-stats.sql drops such rows).
          .addNullableField("events", Schema.FieldType.INT64)
          .addNullableField(VisitField.FILE_SIZE_BYTES.jsonName(), Schema.FieldType.INT64)
          .build();

  private final Duration allowedLateness;

  public WindowStats(Duration allowedLateness) {
    this.allowedLateness = allowedLateness;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> visits) {
    return sumsToStats(
        visits.apply("BundleTotals", ParDo.of(new BundleTotalsFn())).setRowSchema(SUMS_SCHEMA),
        allowedLateness);
  }

  /**
   * The windowed stats query over rows of {@link #SUMS_SCHEMA}, however many visits each row sums:
   * one per visit gives the same stats as the bundle sums, which only make the rows fewer.
   */
  static PCollection<Row> sumsToStats(PCollection<Row> sums, Duration allowedLateness) {
    PCollection<Row> windowed =
        sums.apply(
            "LateFirings",
            Window.<Row>configure()
                // Fires when the watermark passes the end of the window, then once per late
                // input (a late event within the allowed lateness), as an AfterWatermark trigger
                // with late firings would, but keeps no trigger state per window and key.
                .triggering(DefaultTrigger.of())
                .withAllowedLateness(allowedLateness)
                // An on-time pane with no event in it would only repeat or zero a window's rows.
                .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_IF_NON_EMPTY)
                .accumulatingFiredPanes());
    return StableSqlNames.apply(
        windowed,
        "Sql",
        SqlTransform.query(query(KeyedOutputQuery.resource(QUERY_RESOURCE)))
            .withAutoLoading(false)
            .registerUdaf(DistinctUsers.SQL_NAME, new DistinctUsers()));
  }

  /** The stats query with the stats window in place of each {@link #WINDOW_PLACEHOLDER}. */
  static String query(String sql) {
    if (!sql.contains(WINDOW_PLACEHOLDER)) {
      throw new IllegalStateException(
          QUERY_RESOURCE
              + " must give its windows as "
              + WINDOW_PLACEHOLDER
              + ", the window that the bundle sums before it use too");
    }
    return sql.replace(WINDOW_PLACEHOLDER, "INTERVAL '" + WINDOW.getStandardSeconds() + "' SECOND");
  }

  /**
   * Sums a bundle's visits per (stats window, dimension, value). Each row carries the newest event
   * time of its visits, so the SQL puts it in the window of every visit it sums. Visits come in
   * event-time order nearly always, so the stats window of the previous visit is tried before any
   * lookup.
   */
  static final class BundleTotalsFn extends DoFn<Row, Row> {
    private transient Map<StatsWindow, WindowTotals> windows;
    private transient WindowTotals previous;

    @StartBundle
    public void start() {
      windows = new LinkedHashMap<>();
      previous = null;
    }

    @ProcessElement
    public void process(@Element Row visit, BoundedWindow window) {
      long eventTs = visit.getInt64(VisitField.EVENT_TS.jsonName());
      long start = eventTs - Math.floorMod(eventTs, WINDOW_MILLIS);
      WindowTotals totals = previous;
      if (totals == null
          || totals.window.start != start
          || !totals.window.beamWindow.equals(window)) {
        totals = windows.computeIfAbsent(new StatsWindow(window, start), WindowTotals::new);
        previous = totals;
      }
      String user = visit.getString(VisitField.ID.jsonName());
      long bytes = visit.getInt64(VisitField.FILE_SIZE_BYTES.jsonName());
      totals.all.add(user, eventTs, bytes);
      totals
          .byResponse
          .computeIfAbsent(
              visit.getInt32(VisitField.HTTP_RESPONSE.jsonName()), response -> new Totals())
          .add(user, eventTs, bytes);
      totals
          .byAge
          .computeIfAbsent(visit.getString(VisitField.AGE_BRACKET.jsonName()), age -> new Totals())
          .add(user, eventTs, bytes);
    }

    @FinishBundle
    public void finish(FinishBundleContext context) {
      for (WindowTotals totals : windows.values()) {
        BoundedWindow window = totals.window.beamWindow;
        output(context, window, TOTAL, ALL, totals.all);
        totals.byResponse.forEach(
            (response, sum) ->
                output(
                    context,
                    window,
                    VisitField.HTTP_RESPONSE.jsonName(),
                    String.valueOf(response),
                    sum));
        totals.byAge.forEach(
            (age, sum) -> output(context, window, VisitField.AGE_BRACKET.jsonName(), age, sum));
      }
      windows = new LinkedHashMap<>();
      previous = null;
    }

    private static void output(
        FinishBundleContext context,
        BoundedWindow window,
        String dimension,
        String value,
        Totals sum) {
      Instant newest = new Instant(sum.newest);
      Row row =
          Row.withSchema(SUMS_SCHEMA)
              .attachValues(
                  Arrays.asList(
                      newest, dimension, value, UserSet.pack(sum.users), sum.events, sum.bytes));
      context.output(row, newest, window);
    }
  }

  /** A stats window, by its start, within the Beam window the visits arrive in (the global one). */
  private static final class StatsWindow {
    final BoundedWindow beamWindow;
    final long start;

    StatsWindow(BoundedWindow beamWindow, long start) {
      this.beamWindow = beamWindow;
      this.start = start;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof StatsWindow
          && start == ((StatsWindow) other).start
          && beamWindow.equals(((StatsWindow) other).beamWindow);
    }

    @Override
    public int hashCode() {
      return 31 * beamWindow.hashCode() + Long.hashCode(start);
    }
  }

  /** One stats window's sums: in all, per http_response, per age_bracket. */
  private static final class WindowTotals {
    final StatsWindow window;
    final Totals all = new Totals();
    final Map<Integer, Totals> byResponse = new HashMap<>();
    final Map<String, Totals> byAge = new HashMap<>();

    WindowTotals(StatsWindow window) {
      this.window = window;
    }
  }

  private static final class Totals {
    long events;
    long bytes;
    long newest = Long.MIN_VALUE;
    final Set<String> users = new HashSet<>();

    void add(String user, long eventTs, long bytes) {
      events++;
      this.bytes += bytes;
      newest = Math.max(newest, eventTs);
      users.add(user);
    }
  }
}
