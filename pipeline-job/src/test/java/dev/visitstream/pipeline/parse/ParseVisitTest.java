package dev.visitstream.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitstream.pipeline.TestVisit;
import dev.visitstream.pipeline.deadletter.DeadLetter;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecordCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

/** ParseVisit as a transform: good records become rows, bad ones dead letters with a reason. */
public class ParseVisitTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void routesEveryRecordToVisitsOrDeadLetters() {
    List<KafkaRecord<byte[], byte[]>> records = new ArrayList<>();
    records.add(TestVisit.record(0, "user-1", SampleVisit.of("user-1", 10_000L).json()));
    records.add(
        TestVisit.record(
            1,
            "user-2",
            SampleVisit.of("user-2", 11_000L)
                .with(VisitField.LAT, "")
                .with(VisitField.LNG, "")
                .json()));
    records.add(
        TestVisit.record(
            2, "user-3", SampleVisit.of("user-3", 12_000L).without(VisitField.LAT).json()));
    KafkaRecord<byte[], byte[]> malformed = TestVisit.record(3, "user-4", "{not json");
    KafkaRecord<byte[], byte[]> missing =
        TestVisit.record(4, null, SampleVisit.of("user-5", 1L).without(VisitField.IP).json());
    KafkaRecord<byte[], byte[]> wrongType =
        TestVisit.record(
            5, "user-6", SampleVisit.of("user-6", 1L).with(VisitField.HTTP_RESPONSE, "OK").json());
    KafkaRecord<byte[], byte[]> tombstone = TestVisit.record(6, "user-7", null);
    records.add(malformed);
    records.add(missing);
    records.add(wrongType);
    records.add(tombstone);

    PCollectionTuple parsed =
        pipeline
            .apply(
                Create.of(records)
                    .withCoder(
                        KafkaRecordCoder.of(
                            NullableCoder.of(ByteArrayCoder.of()),
                            NullableCoder.of(ByteArrayCoder.of()))))
            .apply(new ParseVisit());

    PAssert.that(parsed.get(ParseVisit.VISITS))
        .satisfies(
            rows -> {
              List<Row> list =
                  StreamSupport.stream(rows.spliterator(), false).collect(Collectors.toList());
              assertThat(list)
                  .extracting(row -> row.getString("id"))
                  .containsExactlyInAnyOrder("user-1", "user-2", "user-3");
              assertThat(list)
                  .filteredOn(row -> !row.getString("id").equals("user-1"))
                  .allSatisfy(row -> assertThat(row.getDouble("lat")).isEqualTo(-1.0));
              return null;
            });
    PAssert.that(parsed.get(ParseVisit.DEAD_LETTERS))
        .containsInAnyOrder(
            new DeadLetter(
                malformed,
                "malformed JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name"),
            new DeadLetter(missing, "field 'ip' is missing"),
            new DeadLetter(
                wrongType, "field 'http_response' must be an integer, got string \"OK\""),
            new DeadLetter(tombstone, "record has no value"));

    pipeline.run().waitUntilFinish();
  }
}
