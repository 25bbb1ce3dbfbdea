package dev.visitstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitstream.broker.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The harness works: 2,000 events (20 malformed) through baseline (a) on the real fixture broker
 * arrive complete and correct, as the suite's watch and check see them. Correctness only: nothing
 * here is timed, the numbers come from deploy/bench/run.
 */
class PlainLoopSmokeTest {

  @Test
  void everyVisitReachesWebsiteOutAndEveryMalformedRecordTheDeadLetters() throws Exception {
    String bootstrap = TestKafka.bootstrapServers();
    String input = "smoke-visit";
    BenchBroker.createOutputTopics(bootstrap, List.of(input, "smoke-out", "smoke-dlq"));
    Preload.Input preloaded =
        Preload.fill(bootstrap, input, 2_000, 0.01, 0.05, 50, 1_000, 0, 30, 7);
    assertThat(preloaded.malformed()).isEqualTo(20);
    assertThat(preloaded.meanValueBytes()).isBetween(380.0, 480.0);

    AtomicBoolean stop = new AtomicBoolean();
    Thread loop =
        new Thread(
            () ->
                PlainLoopJob.run(
                    new PlainLoopJob.Topics(
                        bootstrap, input, "smoke-out", "smoke-dlq", "smoke-loop"),
                    stop,
                    Duration.ofMinutes(2)));
    loop.start();
    OutputWatch.Outcome outcome;
    try {
      outcome =
          OutputWatch.await(
              bootstrap,
              "smoke-out",
              "smoke-dlq",
              preloaded.valid(),
              preloaded.malformed(),
              new OutputWatch.Limits(
                  Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(90)),
              loop::isAlive,
              "smoke");
    } finally {
      stop.set(true);
      loop.join(30_000);
    }

    assertThat(outcome.complete()).as(outcome.failure()).isTrue();
    assertThat(outcome.lastAppendMillis()).isGreaterThanOrEqualTo(outcome.firstAppendMillis());
    OutputCheck.Report check = OutputCheck.read(bootstrap, "smoke-out", "smoke-dlq");
    assertThat(check.badOutputs()).as(check.example()).isZero();
    assertThat(check.distinctKeys()).isEqualTo(1_980);
    assertThat(check.distinctDeadLetters()).isEqualTo(20);
    assertThat(check.deadLettersWithoutHeaders()).isZero();
    assertThat(check.matches(preloaded, true)).isTrue();
  }
}
