package dev.visitstream.pipeline.query;

import dev.visitstream.pipeline.deadletter.DeadLetter;
import dev.visitstream.pipeline.parse.ParseVisit;
import dev.visitstream.pipeline.parse.VisitSchema;
import dev.visitstream.visit.VisitField;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * The tables a query sees, from ParseVisit's outputs: {@code visits} (the visit schema plus {@code
 * event_time}, its event_ts as a TIMESTAMP for event-time windows) and {@code dead_letters} (why a
 * record was refused, where it came from, the start of its value, and its {@code event_time}: the
 * event time its partition had reached, which is also its Beam timestamp).
 */
public final class QueryTables extends PTransform<PCollectionTuple, PCollectionTuple> {

  public static final String VISITS = "visits";
  public static final String DEAD_LETTERS = "dead_letters";
  public static final String EVENT_TIME = "event_time";

  /** Characters of a dead letter's value that a query sees. */
  static final int VALUE_PREVIEW_CHARS = 1000;

  public static final Schema VISITS_SCHEMA =
      Schema.builder()
          .addFields(VisitSchema.SCHEMA.getFields())
          .addDateTimeField(EVENT_TIME)
          .build();

  public static final Schema DEAD_LETTERS_SCHEMA =
      Schema.builder()
          .addStringField("reason")
          .addStringField("source_topic")
          .addInt32Field("source_partition")
          .addInt64Field("source_offset")
          .addNullableField("value_preview", Schema.FieldType.STRING)
          .addInt32Field("value_bytes")
          .addDateTimeField(EVENT_TIME)
          .build();

  /** The tables by name, in the order a page lists them. */
  public static final Map<String, Schema> SCHEMAS = schemas();

  private static Map<String, Schema> schemas() {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    schemas.put(VISITS, VISITS_SCHEMA);
    schemas.put(DEAD_LETTERS, DEAD_LETTERS_SCHEMA);
    return schemas;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple parsed) {
    PCollection<Row> visits =
        parsed
            .get(ParseVisit.VISITS)
            .apply("VisitsTable", ParDo.of(new WithEventTimeFn()))
            .setRowSchema(VISITS_SCHEMA);
    PCollection<Row> deadLetters =
        parsed
            .get(ParseVisit.DEAD_LETTERS)
            .apply("DeadLettersTable", ParDo.of(new DeadLetterRowFn()))
            .setRowSchema(DEAD_LETTERS_SCHEMA);
    return PCollectionTuple.of(new TupleTag<>(VISITS), visits)
        .and(new TupleTag<>(DEAD_LETTERS), deadLetters);
  }

  static final class WithEventTimeFn extends DoFn<Row, Row> {
    @ProcessElement
    public void process(@Element Row visit, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(VISITS_SCHEMA)
              .addValues(visit.getValues())
              .addValue(new Instant(visit.getInt64(VisitField.EVENT_TS.jsonName())))
              .build());
    }
  }

  static final class DeadLetterRowFn extends DoFn<DeadLetter, Row> {
    @ProcessElement
    public void process(
        @Element DeadLetter deadLetter, @Timestamp Instant timestamp, OutputReceiver<Row> out) {
      KafkaRecord<byte[], byte[]> record = deadLetter.record();
      byte[] value = record.getKV().getValue();
      out.output(
          Row.withSchema(DEAD_LETTERS_SCHEMA)
              .addValues(
                  deadLetter.reason(),
                  record.getTopic(),
                  record.getPartition(),
                  record.getOffset(),
                  preview(value),
                  value == null ? 0 : value.length,
                  timestamp)
              .build());
    }
  }

  static String preview(byte[] value) {
    if (value == null) {
      return null;
    }
    // Decoding a whole megabyte to keep a thousand characters would cost for nothing: at most 4
    // bytes per character.
    int bytes = Math.min(value.length, VALUE_PREVIEW_CHARS * 4);
    String text = new String(value, 0, bytes, StandardCharsets.UTF_8);
    return text.length() <= VALUE_PREVIEW_CHARS
        ? text
        : text.substring(
            0,
            Character.isHighSurrogate(text.charAt(VALUE_PREVIEW_CHARS - 1))
                ? VALUE_PREVIEW_CHARS - 1
                : VALUE_PREVIEW_CHARS);
  }
}
