package dev.visitstream.pipeline;

import dev.visitstream.pipeline.deadletter.DeadLetter;
import dev.visitstream.pipeline.keyed.KeyedOutput;
import dev.visitstream.pipeline.keyed.KeyedOutputQuery;
import dev.visitstream.pipeline.parse.ParseVisit;
import dev.visitstream.pipeline.stats.WindowStats;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * The job between its Kafka edges: website-visit records in; the keyed-output rows, the stats rows
 * and the dead letters out, for the writers to put into their topics. {@link VisitPipeline} puts
 * the Kafka read before it and the Kafka writers after it; a test can feed it records of its own
 * making (a TestStream) and check what comes out.
 *
 * <p>Not a composite transform: its steps keep their top-level names (ParseVisit, KeyedOutput,
 * WindowStats), under which Flink keeps their state in a savepoint.
 */
final class VisitGraph {

  private final KeyedOutputQuery keyedOutputQuery;
  private final boolean windowStats;
  private final Duration allowedLateness;

  /**
   * @param windowStats false: no stats step, no windows, state or watermark waits
   * @param allowedLateness how long a closed stats window still takes late events
   */
  VisitGraph(KeyedOutputQuery keyedOutputQuery, boolean windowStats, Duration allowedLateness) {
    this.keyedOutputQuery = keyedOutputQuery;
    this.windowStats = windowStats;
    this.allowedLateness = allowedLateness;
  }

  static VisitGraph from(VisitPipelineOptions options) {
    return new VisitGraph(
        KeyedOutputQuery.from(options),
        options.getWindowStats(),
        Duration.standardSeconds(options.getAllowedLatenessSeconds()));
  }

  /** Records timestamped with their event time, as the Kafka read gives them. */
  Outputs apply(PCollection<KafkaRecord<byte[], byte[]>> records) {
    PCollectionTuple parsed = records.apply("ParseVisit", new ParseVisit());
    PCollection<Row> visits = parsed.get(ParseVisit.VISITS);
    PCollection<Row> keyed = visits.apply("KeyedOutput", new KeyedOutput(keyedOutputQuery));
    Optional<PCollection<Row>> stats =
        windowStats
            ? Optional.of(visits.apply("WindowStats", new WindowStats(allowedLateness)))
            : Optional.empty();
    return new Outputs(keyed, stats, parsed.get(ParseVisit.DEAD_LETTERS));
  }

  /** What the job writes: each to its own topic. */
  static final class Outputs {
    private final PCollection<Row> keyed;
    private final Optional<PCollection<Row>> stats;
    private final PCollection<DeadLetter> deadLetters;

    Outputs(
        PCollection<Row> keyed,
        Optional<PCollection<Row>> stats,
        PCollection<DeadLetter> deadLetters) {
      this.keyed = keyed;
      this.stats = stats;
      this.deadLetters = deadLetters;
    }

    /** One row per visit, for website-out ({@link KeyedOutput}). */
    PCollection<Row> keyed() {
      return keyed;
    }

    /** The window stats rows for website-stats ({@link WindowStats}); none without window stats. */
    Optional<PCollection<Row>> stats() {
      return stats;
    }

    /** The records that are not visits, with their reasons, for website-dlq. */
    PCollection<DeadLetter> deadLetters() {
      return deadLetters;
    }
  }
}
