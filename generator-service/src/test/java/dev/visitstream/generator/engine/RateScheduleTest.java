package dev.visitstream.generator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The schedule on a synthetic clock: exact, no timing involved. */
class RateScheduleTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long START = 5 * SECOND;

  @Test
  void eventsFallDueWithElapsedTimeAndIssuingSpendsThem() {
    RateSchedule schedule = new RateSchedule(1000, START);

    assertThat(schedule.due(START)).isZero();
    assertThat(schedule.due(START + SECOND / 2)).isEqualTo(500);
    schedule.issued(500);
    assertThat(schedule.due(START + SECOND / 2)).isZero();
    assertThat(schedule.due(START + 60 * SECOND / 100)).isEqualTo(100);
  }

  @Test
  void overAMinuteItIssuesExactlyRateTimesSecondsWhateverTheWakeUps() {
    RateSchedule schedule = new RateSchedule(10_000, START);
    long issued = 0;
    long now = START;
    while (now < START + 60 * SECOND) {
      now += 137_000 + (now % 7) * 100_000; // irregular wake-ups of 0.1 to 0.8 ms
      long due = Math.min(schedule.due(now), 512);
      schedule.issued(due);
      issued += due;
    }
    assertThat(issued).isBetween(599_990L, 600_010L);
  }

  @Test
  void itTellsHowLongToSleepUntilTheNextEvent() {
    RateSchedule schedule = new RateSchedule(4, START);

    assertThat(schedule.nanosUntilNext(START)).isBetween(SECOND / 4 - 1, SECOND / 4 + 1);
    schedule.issued(schedule.due(START + SECOND));
    assertThat(schedule.nanosUntilNext(START + SECOND)).isBetween(SECOND / 4 - 1, SECOND / 4 + 1);
  }

  @Test
  void aBacklogOfMoreThanASecondIsForgivenNotSentAsAFlood() {
    RateSchedule schedule = new RateSchedule(1000, START);

    assertThat(schedule.due(START + 30 * SECOND)).isEqualTo(1000);
  }

  @Test
  void rateZeroMeansNoLimit() {
    RateSchedule schedule = new RateSchedule(0, START);

    assertThat(schedule.due(START)).isEqualTo(Long.MAX_VALUE);
    assertThat(schedule.nanosUntilNext(START)).isZero();
  }
}
