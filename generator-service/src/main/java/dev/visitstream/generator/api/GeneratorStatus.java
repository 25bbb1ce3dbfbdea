package dev.visitstream.generator.api;

import dev.visitstream.generator.engine.KafkaLink;
import dev.visitstream.generator.engine.Run;
import dev.visitstream.generator.engine.SendCounters;
import dev.visitstream.generator.engine.TrafficGenerator;
import dev.visitstream.generator.settings.GeneratorSettings;
import java.time.Instant;

/**
 * What {@code GET /generator} answers: whether it sends, with which settings, how fast, and what
 * became of the records: of the current (or last) run, and since the service started.
 */
public record GeneratorStatus(
    boolean running,
    GeneratorSettings settings,
    Rate rate,
    RunStatus run,
    Counts total,
    Kafka kafka) {

  /** Events per second: configured (0 = as fast as possible) and achieved over the last 5 s. */
  public record Rate(double configured, double achieved) {}

  public record RunStatus(
      long id,
      Run.Mode mode,
      Run.State state,
      Long requested,
      long seed,
      Instant startedAt,
      Instant endedAt,
      double elapsedSeconds,
      double averageRate,
      Counts counts,
      String failure) {}

  /** {@code inFlight}: sent and not answered yet; a run is fully accounted for when it is 0. */
  public record Counts(Tally sent, Tally acked, Tally failed, long inFlight, long sendErrors) {

    static Counts of(SendCounters.Snapshot s) {
      return new Counts(
          new Tally(s.sentGood(), s.sentMalformed()),
          new Tally(s.ackedGood(), s.ackedMalformed()),
          new Tally(s.failedGood(), s.failedMalformed()),
          s.inFlight(),
          s.sendErrors());
    }
  }

  public record Tally(long good, long malformed, long total) {

    Tally(long good, long malformed) {
      this(good, malformed, good + malformed);
    }
  }

  /**
   * {@code unansweredSeconds}: how long the oldest record still without an ack has waited (about,
   * 0.25 s steps).
   */
  public record Kafka(
      String topic,
      String bootstrapServers,
      KafkaLink.State state,
      double unansweredSeconds,
      Instant lastAckAt,
      String lastError,
      Instant lastErrorAt) {}

  static GeneratorStatus of(TrafficGenerator generator) {
    Run run = generator.currentRun();
    GeneratorSettings settings = generator.settings();
    KafkaLink link = generator.link();
    return new GeneratorStatus(
        generator.running(),
        settings,
        new Rate(settings.rate(), run == null ? 0 : run.achievedRate()),
        run == null ? null : runStatus(run),
        Counts.of(generator.total().snapshot()),
        new Kafka(
            generator.topic(),
            generator.bootstrapServers(),
            link.state(generator.unanswered()),
            generator.unanswered().toMillis() / 1000.0,
            link.lastAckAt(),
            link.lastError(),
            link.lastErrorAt()));
  }

  private static RunStatus runStatus(Run run) {
    return new RunStatus(
        run.id(),
        run.mode(),
        run.state(),
        run.requested(),
        run.seed(),
        run.startedAt(),
        run.endedAt(),
        run.elapsed().toMillis() / 1000.0,
        run.averageRate(),
        Counts.of(run.counters().snapshot()),
        run.failure());
  }
}
