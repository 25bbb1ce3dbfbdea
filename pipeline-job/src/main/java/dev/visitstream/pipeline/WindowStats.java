package dev.visitstream.pipeline;

import java.util.Arrays;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The stats SQL stage: per 10 s tumbling window of event time, events, bytes and distinct users
 * in total and per http_response and age_bracket (window-stats.sql).
 *
 * <p>Each visit first becomes one row per (dimension, value) it counts towards, so that a single
 * GROUP BY yields all three breakdowns; a UNION ALL in Beam SQL would be a CoGroupByKey, which
 * re-counts earlier panes when late data comes in.
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

  static final Schema DIMENSION_SCHEMA =
      Schema.builder()
          .addDateTimeField("event_time")
          .addStringField("dimension")
          .addStringField("dim_value")
          .addStringField("user_id")
          // Nullable so that SUM over an empty window is a null Beam accepts, not a failed job
          // (window-stats.sql drops such rows).
          .addNullableField(VisitSchema.FILE_SIZE_BYTES, Schema.FieldType.INT64)
          .build();

  private final Duration allowedLateness;

  public WindowStats(Duration allowedLateness) {
    this.allowedLateness = allowedLateness;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> visits) {
    return visits
        .apply("Dimensions", ParDo.of(new DimensionsFn()))
        .setRowSchema(DIMENSION_SCHEMA)
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
                .registerUdaf(DistinctCount.SQL_NAME, new DistinctCount()));
  }

  private static final class DimensionsFn extends DoFn<Row, Row> {
    @ProcessElement
    public void process(@Element Row visit, OutputReceiver<Row> out) {
      Instant eventTime = new Instant(visit.getInt64(VisitSchema.EVENT_TS).longValue());
      String user = visit.getString(VisitSchema.ID);
      Long bytes = visit.getInt64(VisitSchema.FILE_SIZE_BYTES);
      out.output(row(eventTime, TOTAL, ALL, user, bytes));
      out.output(
          row(
              eventTime,
              VisitSchema.HTTP_RESPONSE,
              String.valueOf(visit.getInt32(VisitSchema.HTTP_RESPONSE)),
              user,
              bytes));
      out.output(
          row(eventTime, VisitSchema.AGE_BRACKET, visit.getString(VisitSchema.AGE_BRACKET), user, bytes));
    }

    private static Row row(Instant eventTime, String dimension, String value, String user, Long bytes) {
      return Row.withSchema(DIMENSION_SCHEMA)
          .attachValues(Arrays.asList(eventTime, dimension, value, user, bytes));
    }
  }
}
