package dev.visitstream.generator.visit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitstream.generator.settings.GeneratorSettings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The visit stream without Kafka: exact shares and the JSON number form of coordinates. */
class VisitStreamTest {

  private static final TrafficModel MODEL = TrafficModel.build(50, 3);
  private static final long NOW = 1_700_000_000_000L;

  @Test
  void malformedVisitsAreExactlyTheConfiguredShare() {
    GeneratorSettings settings = new GeneratorSettings(0, 50, 0, 0.03, 0, 0, 3L);
    VisitStream stream = new VisitStream(3);
    int malformed = 0;
    for (int i = 0; i < 10_000; i++) {
      malformed += stream.next(MODEL, settings, NOW).malformed() ? 1 : 0;
    }
    assertThat(malformed).isEqualTo(300);
  }

  @Test
  void lateVisitsAreExactlyTheConfiguredShareAndThatFarBack() {
    GeneratorSettings settings = new GeneratorSettings(0, 50, 0, 0, 0.1, 30_000, 3L);
    VisitStream stream = new VisitStream(3);
    int late = 0;
    for (int i = 0; i < 10_000; i++) {
      String json = new String(stream.next(MODEL, settings, NOW).value(), StandardCharsets.UTF_8);
      late += json.contains("\"event_ts\":" + (NOW - 30_000) + "}") ? 1 : 0;
    }
    assertThat(late).isEqualTo(1000);
  }

  @Test
  void coordinatesArePlainJsonNumbersWithAFraction() {
    assertThat(UserPool.coordinate("-8.77370050")).isEqualTo("-8.7737005");
    assertThat(UserPool.coordinate("12.00000000")).isEqualTo("12.0");
    assertThat(UserPool.coordinate("10.00000000")).isEqualTo("10.0");
    assertThat(UserPool.coordinate("-0.50000000")).isEqualTo("-0.5");
  }
}
