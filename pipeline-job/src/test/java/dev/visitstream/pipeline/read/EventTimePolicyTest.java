package dev.visitstream.pipeline.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitstream.pipeline.TestVisit;
import dev.visitstream.pipeline.parse.VisitJson;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.TimestampPolicy.PartitionContext;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimePolicyTest {

  private static final Duration DELAY = Duration.standardSeconds(5);
  private static final Instant NOW = new Instant(1_764_000_000_000L);

  private static PartitionContext context(long backlog, Instant checkedAt) {
    return new PartitionContext() {
      @Override
      public long getMessageBacklog() {
        return backlog;
      }

      @Override
      public Instant getBacklogCheckTime() {
        return checkedAt;
      }
    };
  }

  private static Instant stamp(EventTimePolicy policy, String value) {
    return policy.getTimestampForRecord(context(10, NOW), TestVisit.record(0, "k", value));
  }

  @Test
  void aRecordIsStampedWithItsEventTs() {
    EventTimePolicy policy = new EventTimePolicy(DELAY, Optional.empty());

    assertThat(stamp(policy, SampleVisit.of("u", 1_000L).json())).isEqualTo(new Instant(1_000L));
  }

  @Test
  void theWatermarkTrailsTheNewestEventByTheMaxDelay() {
    EventTimePolicy policy = new EventTimePolicy(DELAY, Optional.empty());
    stamp(policy, SampleVisit.of("u", 100_000L).json());
    stamp(policy, SampleVisit.of("u", 90_000L).json()); // out of order: does not move it back

    assertThat(policy.watermark(context(10, NOW), NOW)).isEqualTo(new Instant(95_000L));
  }

  @Test
  void aRecordWithoutReadableEventTsTakesTheNewestEventTimeAndMovesNothing() {
    EventTimePolicy policy = new EventTimePolicy(DELAY, Optional.empty());
    stamp(policy, SampleVisit.of("u", 100_000L).json());

    assertThat(stamp(policy, "{broken")).isEqualTo(new Instant(100_000L));
    assertThat(stamp(policy, SampleVisit.of("u", 1L).with(VisitField.EVENT_TS, "soon").json()))
        .isEqualTo(new Instant(100_000L));
    assertThat(policy.watermark(context(10, NOW), NOW)).isEqualTo(new Instant(95_000L));
  }

  @Test
  void anIdlePartitionMovesToNowMinusTheDelay() {
    EventTimePolicy policy = new EventTimePolicy(DELAY, Optional.empty());
    stamp(policy, SampleVisit.of("u", 100_000L).json());

    assertThat(policy.watermark(context(0, NOW), NOW)).isEqualTo(NOW.minus(DELAY));
    assertThat(policy.watermark(context(3, NOW), NOW)).isEqualTo(new Instant(95_000L));
  }

  @Test
  void aPartitionThatNeverHadARecordDoesNotHoldTheWatermarkOnceIdle() {
    EventTimePolicy policy = new EventTimePolicy(DELAY, Optional.empty());

    assertThat(policy.watermark(context(0, NOW), NOW)).isEqualTo(NOW.minus(DELAY));
    // backlog unknown (-1) at start: not idle, so nothing is declared late too early
    assertThat(policy.watermark(context(-1, NOW), NOW))
        .isEqualTo(BoundedWindow.TIMESTAMP_MIN_VALUE);
  }

  @Test
  void eventTimeInTheFutureIsCappedByTheClock() {
    EventTimePolicy policy = new EventTimePolicy(DELAY, Optional.empty());
    stamp(policy, SampleVisit.of("u", NOW.getMillis() + 3_600_000L).json());

    assertThat(policy.watermark(context(10, NOW), NOW)).isEqualTo(NOW.minus(DELAY));
  }

  @Test
  void aResumedPartitionStartsAtItsCheckpointedWatermark() {
    EventTimePolicy policy = new EventTimePolicy(DELAY, Optional.of(new Instant(50_000L)));

    assertThat(policy.watermark(context(10, NOW), NOW)).isEqualTo(new Instant(50_000L));
  }

  @Test
  void eventTsIsReadFromTheTopLevelOnly() {
    assertThat(EventTimePolicy.readEventTs(bytes("{\"a\":{\"event_ts\":1},\"event_ts\":42}")))
        .isEqualTo(42L);
    assertThat(EventTimePolicy.readEventTs(bytes("{\"event_ts\":-1}"))).isNull();
    assertThat(EventTimePolicy.readEventTs(bytes("{\"event_ts\":1.5}"))).isNull();
    assertThat(EventTimePolicy.readEventTs(bytes("{\"event_ts\":99999999999999999999999}")))
        .isNull();
    assertThat(EventTimePolicy.readEventTs(bytes("[1]"))).isNull();
    assertThat(EventTimePolicy.readEventTs(null)).isNull();
  }

  @Test
  void eventTsAsTheLastMemberReadsAsTheFullScanReadsIt() {
    String visit = "{\"id\":\"u1\",\"http_request\":\"GET a.html\",\"event_ts\":";
    assertThat(EventTimePolicy.readEventTs(bytes(visit + "1700000000123}")))
        .isEqualTo(1_700_000_000_123L);
    assertThat(EventTimePolicy.readEventTs(bytes(visit + "0}"))).isEqualTo(0L);
    assertThat(EventTimePolicy.readEventTs(bytes(visit + " 42 }"))).isEqualTo(42L);
    assertThat(EventTimePolicy.readEventTs(bytes(visit + "253402300799999}")))
        .isEqualTo(VisitJson.MAX_EVENT_TS);
    assertThat(EventTimePolicy.readEventTs(bytes(visit + "253402300800000}"))).isNull();
    assertThat(EventTimePolicy.readEventTs(bytes(visit + "9999999999999999}"))).isNull();
    assertThat(EventTimePolicy.readEventTs(bytes(visit + "0042}"))).isNull();
    assertThat(EventTimePolicy.readEventTs(bytes(visit + "-5}"))).isNull();
    assertThat(EventTimePolicy.readEventTs(bytes(visit + "\"42\"}"))).isNull();
    // a name inside a string value is no member, wherever it stands
    assertThat(EventTimePolicy.readEventTs(bytes("{\"a\":\",\\\"event_ts\\\":7}\"}"))).isNull();
    assertThat(EventTimePolicy.readEventTs(bytes("[{\"b\":1,\"event_ts\":7}]"))).isNull();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
