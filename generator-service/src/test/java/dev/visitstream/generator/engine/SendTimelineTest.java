package dev.visitstream.generator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendTimelineTest {

  private static final long MS = 1_000_000L;

  @Test
  void theAchievedRateIsMeasuredOverTheLastFiveSeconds() {
    SendTimeline timeline = new SendTimeline();
    for (long t = 0; t <= 10_000; t += 250) {
      timeline.sample(t * MS, t < 5_000 ? t : 5_000 + (t - 5_000) * 2); // 1000/s, then 2000/s
    }
    assertThat(timeline.perSecond(10_000 * MS, 15_000)).isEqualTo(2000.0);
  }

  @Test
  void recordsWithoutAnAnswerAgeFromTheFirstSampleThatHoldsThem() {
    SendTimeline timeline = new SendTimeline();
    for (long t = 0; t <= 3_000; t += 250) {
      timeline.sample(t * MS, t); // one record per ms
    }
    assertThat(timeline.unansweredNanos(3_000 * MS, 3_000)).isZero();
    // answered up to record 1,100: the sample at 1,250 ms holds unanswered ones
    assertThat(timeline.unansweredNanos(9_000 * MS, 1_100)).isEqualTo(7_750 * MS);
  }
}
