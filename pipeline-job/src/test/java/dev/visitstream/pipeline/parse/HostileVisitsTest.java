package dev.visitstream.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives on website-visit, parsing ends in a visit or in an {@link
 * VisitJson.InvalidVisit} with a reason (the dead letter's), never in another exception that would
 * fail the job, and a visit keeps attacker-controlled text exactly as it came (rendering it inert
 * is the dashboard's part).
 */
class HostileVisitsTest {

  private static String invalidReason(byte[] value) {
    VisitJson.InvalidVisit invalid =
        catchThrowableOfType(() -> VisitJson.parse(value), VisitJson.InvalidVisit.class);
    assertThat(invalid).as("rejected with a reason").isNotNull();
    assertThat(invalid.getMessage()).isNotBlank();
    return invalid.getMessage();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void randomBytesAreRejectedWithAReasonNeverWithAnotherException() {
    Random random = new Random(20261124L);
    for (int i = 0; i < 5_000; i++) {
      byte[] value = new byte[random.nextInt(600)];
      random.nextBytes(value);
      if (random.nextBoolean() && value.length > 0) {
        value[0] = '{';
      }
      try {
        VisitJson.parse(value);
      } catch (VisitJson.InvalidVisit expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void aMutatedVisitIsAVisitOrRejectedWithAReason() {
    Random random = new Random(7L);
    byte[] visit = SampleVisit.of("user-1", 1_764_000_000_123L).bytes();
    for (int i = 0; i < 5_000; i++) {
      byte[] mutated = visit.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      try {
        assertThat(VisitJson.parse(mutated).getSchema()).isEqualTo(VisitSchema.SCHEMA);
      } catch (VisitJson.InvalidVisit expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void aHugeValueIsRefusedBeforeParsing() {
    String padding = "x".repeat(VisitJson.MAX_VISIT_BYTES);
    byte[] huge = SampleVisit.of("user-1", 1L).with(VisitField.USER_AGENT, padding).bytes();

    assertThat(invalidReason(huge))
        .isEqualTo("value is " + huge.length + " bytes, more than the 65536 a visit may have");
  }

  @Test
  void deeplyNestedJsonIsMalformedNotAStackOverflow() {
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

    assertThat(
            invalidReason(
                utf8(deep.substring(0, Math.min(deep.length(), VisitJson.MAX_VISIT_BYTES)))))
        .startsWith("malformed JSON: ");
    assertThat(invalidReason(utf8("[".repeat(5_000) + "]".repeat(5_000))))
        .startsWith("malformed JSON: ");
  }

  @Test
  void nanAndInfinityAreNotNumbers() {
    assertThat(invalidReason(utf8(SampleVisit.of("u", 1L).json().replace("51.5072", "NaN"))))
        .startsWith("malformed JSON: ");
    assertThat(invalidReason(utf8(SampleVisit.of("u", 1L).json().replace("-0.1276", "-Infinity"))))
        .startsWith("malformed JSON: ");
    assertThat(invalidReason(SampleVisit.of("u", 1L).with(VisitField.LAT, "NaN").bytes()))
        .contains("field 'lat' must be a number or \"\"");
  }

  @Test
  void wrongTypesAndOutOfRangeNumbersAreNamed() {
    assertThat(invalidReason(SampleVisit.of("u", 1L).with(VisitField.HTTP_RESPONSE, 1e30).bytes()))
        .contains("'http_response'");
    assertThat(
            invalidReason(
                SampleVisit.of("u", 1L)
                    .with(VisitField.EVENT_TS, "99999999999999999999999")
                    .bytes()))
        .contains("'event_ts'");
    assertThat(
            invalidReason(
                SampleVisit.of("u", 1L).with(VisitField.OPTED_INTO_MARKETING, "yes").bytes()))
        .contains("'opted_into_marketing'");
  }

  @Test
  void scriptUnicodeAndControlCharactersStayTextExactlyAsTheyCame() throws Exception {
    String agent =
        "<img src=x onerror=alert(1)><script>alert('x')</script> \u0000\u0007\u001b[31m \u202e\ud83d\ude00 \"quoted\"";
    String request = "GET /?q=%3Cscript%3E&x=' OR 1=1 -- HTTP/1.1\r\nX-Injected: 1";

    Row row =
        VisitJson.parse(
            SampleVisit.of("user-\u00e9\u4e2d", 1L)
                .with(VisitField.USER_AGENT, agent)
                .with(VisitField.HTTP_REQUEST, request)
                .bytes());

    assertThat(row.getString("user_agent")).isEqualTo(agent);
    assertThat(row.getString("http_request")).isEqualTo(request);
    assertThat(row.getString("id")).isEqualTo("user-\u00e9\u4e2d");
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[] visit = SampleVisit.of("user-1", 1L).bytes();
    byte[] broken = new byte[visit.length + 2];
    System.arraycopy(visit, 0, broken, 0, 10);
    broken[10] = (byte) 0xC3;
    broken[11] = (byte) 0x28;
    System.arraycopy(visit, 10, broken, 12, visit.length - 10);

    assertThatThrownBy(() -> VisitJson.parse(broken)).isInstanceOf(VisitJson.InvalidVisit.class);
  }
}
