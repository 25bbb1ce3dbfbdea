package dev.visitstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchVisitsTest {

  private static final long FIRST_EVENT_TS = 1_700_000_000_000L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Results published with the default shape stay comparable with later ones. */
  @Test
  void theDefaultShapeKeepsItsBytes() throws Exception {
    BenchVisits visits = new BenchVisits(42, 1000, 0.05, 0.01, FIRST_EVENT_TS, 1000, 0, 30);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < 5000; i++) {
      BenchVisits.Visit visit = visits.next();
      sha256.update(visit.key());
      sha256.update(visit.value());
    }
    assertThat(HexFormat.of().formatHex(sha256.digest()))
        .isEqualTo("1989d2de433b97945a8611db2a7a77fef396f3e03640272763347bfdd8825ff0");
    assertThat(eventTimestamps(new BenchVisits(42, 1000, 0.05, 0, FIRST_EVENT_TS, 1000, 0, 30), 3))
        .containsExactly(FIRST_EVENT_TS, FIRST_EVENT_TS + 1, FIRST_EVENT_TS + 2);
  }

  @Test
  void sparseVisitsLieOneOverTheRateApart() throws Exception {
    assertThat(eventTimestamps(new BenchVisits(7, 500, 0.05, 0, FIRST_EVENT_TS, 50, 0, 30), 4))
        .containsExactly(
            FIRST_EVENT_TS, FIRST_EVENT_TS + 20, FIRST_EVENT_TS + 40, FIRST_EVENT_TS + 60);
    assertThat(eventTimestamps(new BenchVisits(7, 500, 0.05, 0, FIRST_EVENT_TS, 3, 0, 30), 4))
        .containsExactly(
            FIRST_EVENT_TS, FIRST_EVENT_TS + 333, FIRST_EVENT_TS + 666, FIRST_EVENT_TS + 1000);
  }

  @Test
  void anExactShareIsLateByTheGivenSeconds() throws Exception {
    int count = 10_000;
    List<Long> timestamps =
        eventTimestamps(new BenchVisits(3, 100, 0.05, 0, FIRST_EVENT_TS, 50, 0.1, 30), count);
    long late = 0;
    for (int place = 0; place < count; place++) {
      long onTime = FIRST_EVENT_TS + place * 20L;
      long ts = timestamps.get(place);
      if (ts != onTime) {
        assertThat(ts).isEqualTo(onTime - 30_000);
        late++;
      }
    }
    assertThat(late).isEqualTo(1_000);
  }

  /**
   * Few users and many late visits would repeat keys if late visits took any user. A third is late
   * so that the places they take (1,000, 50 and 5 earlier) are on time, not late themselves.
   */
  @Test
  void everyValidVisitHasAKeyOfItsOwnInEveryShape() throws Exception {
    for (int eventsPerSecond : new int[] {1000, 50, 5}) {
      BenchVisits visits =
          new BenchVisits(11, 2, 0.05, 0.01, FIRST_EVENT_TS, eventsPerSecond, 1.0 / 3, 1);
      Set<String> keys = new HashSet<>();
      long valid = 0;
      for (int i = 0; i < 20_000; i++) {
        BenchVisits.Visit visit = visits.next();
        if (visit.flaw() == null) {
          valid++;
          KeyedVisit.Output output = KeyedVisit.transform(visit.value());
          assertThat(OutputCheck.hashOf(output.key(), output.value())).isNotNull();
          keys.add(new String(output.key(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      assertThat(keys).as("%d visits per second", eventsPerSecond).hasSize((int) valid);
    }
  }

  private static List<Long> eventTimestamps(BenchVisits visits, int count) throws Exception {
    List<Long> timestamps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      timestamps.add(MAPPER.readTree(visits.next().value()).get("event_ts").longValue());
    }
    return timestamps;
  }
}
