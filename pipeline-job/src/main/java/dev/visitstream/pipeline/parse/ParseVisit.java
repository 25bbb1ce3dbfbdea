package dev.visitstream.pipeline.parse;

import dev.visitstream.pipeline.BundleCounter;
import dev.visitstream.pipeline.PipelineMetrics;
import dev.visitstream.pipeline.deadletter.DeadLetter;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * website-visit records to schema'd visit rows ({@link #VISITS}); a record that is not a valid
 * visit goes to {@link #DEAD_LETTERS} with its reason, never stops the job and is never dropped.
 */
public final class ParseVisit
    extends PTransform<PCollection<KafkaRecord<byte[], byte[]>>, PCollectionTuple> {

  public static final TupleTag<Row> VISITS = new TupleTag<Row>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<DeadLetter>() {};

  @Override
  public PCollectionTuple expand(PCollection<KafkaRecord<byte[], byte[]>> records) {
    PCollectionTuple parsed =
        records.apply(
            "ParseJson",
            ParDo.of(new ParseFn()).withOutputTags(VISITS, TupleTagList.of(DEAD_LETTERS)));
    parsed.get(VISITS).setRowSchema(VisitSchema.SCHEMA);
    parsed.get(DEAD_LETTERS).setCoder(DeadLetter.coder());
    return parsed;
  }

  private static final class ParseFn extends DoFn<KafkaRecord<byte[], byte[]>, Row> {
    private final BundleCounter parsed = new BundleCounter(PipelineMetrics.PARSED);
    private final BundleCounter deadLettered = new BundleCounter(PipelineMetrics.DEAD_LETTERED);

    @ProcessElement
    public void process(@Element KafkaRecord<byte[], byte[]> record, MultiOutputReceiver out) {
      try {
        out.get(VISITS).output(VisitJson.parse(record.getKV().getValue()));
        parsed.inc();
      } catch (VisitJson.InvalidVisit invalid) {
        out.get(DEAD_LETTERS).output(new DeadLetter(record, invalid.getMessage()));
        deadLettered.inc();
      } catch (RuntimeException unexpected) {
        // A bug in parsing must not stop the job either: the record is kept with the cause.
        out.get(DEAD_LETTERS).output(new DeadLetter(record, "unexpected error: " + unexpected));
        deadLettered.inc();
      }
    }

    @FinishBundle
    public void countBundle() {
      parsed.flush();
      deadLettered.flush();
    }
  }
}
