package dev.visitstream.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class VisitJsonTest {

  private static Row parse(String json) throws VisitJson.InvalidVisit {
    return VisitJson.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aVisitBecomesARowWithEveryContractField() throws Exception {
    Row row = parse(SampleVisit.of("user-1", 1_764_000_000_123L).json());

    assertThat(row.getSchema()).isEqualTo(VisitSchema.SCHEMA);
    assertThat(row.getString("ip")).isEqualTo("203.0.113.7");
    assertThat(row.getString("id")).isEqualTo("user-1");
    assertThat(row.getDouble("lat")).isEqualTo(51.5072);
    assertThat(row.getDouble("lng")).isEqualTo(-0.1276);
    assertThat(row.getString("user_agent")).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
    assertThat(row.getString("age_bracket")).isEqualTo("26-40");
    assertThat(row.getBoolean("opted_into_marketing")).isTrue();
    assertThat(row.getString("http_request")).isEqualTo("GET chromista.html HTTP/1.0");
    assertThat(row.getInt32("http_response")).isEqualTo(200);
    assertThat(row.getInt64("file_size_bytes")).isEqualTo(1234L);
    assertThat(row.getString("event_datetime")).isEqualTo("2025-11-24T16:00:00.123");
    assertThat(row.getInt64("event_ts")).isEqualTo(1_764_000_000_123L);
  }

  @Test
  void emptyLatAndLngBecomeMinusOne() throws Exception {
    Row row =
        parse(
            SampleVisit.of("user-1", 1L).with(VisitField.LAT, "").with(VisitField.LNG, "").json());

    assertThat(row.getDouble("lat")).isEqualTo(-1.0);
    assertThat(row.getDouble("lng")).isEqualTo(-1.0);
  }

  @Test
  void missingOrNullLatAndLngBecomeMinusOne() throws Exception {
    Row row =
        parse(
            SampleVisit.of("user-1", 1L).without(VisitField.LAT).with(VisitField.LNG, null).json());

    assertThat(row.getDouble("lat")).isEqualTo(-1.0);
    assertThat(row.getDouble("lng")).isEqualTo(-1.0);
  }

  @Test
  void integralLatIsANumberToo() throws Exception {
    assertThat(parse(SampleVisit.of("u", 1L).with(VisitField.LAT, 0).json()).getDouble("lat"))
        .isEqualTo(0.0);
  }

  @Test
  void malformedJsonIsRejectedWithTheParserMessage() {
    assertThatThrownBy(() -> parse("{\"ip\": \"1.2.3.4\", "))
        .isInstanceOf(VisitJson.InvalidVisit.class)
        .hasMessageStartingWith("malformed JSON: ");
  }

  @Test
  void trailingGarbageIsMalformed() {
    assertThatThrownBy(() -> parse(SampleVisit.of("u", 1L).json() + " trailing"))
        .hasMessageStartingWith("malformed JSON: ");
  }

  @Test
  void aValueThatIsNotAnObjectIsRejected() {
    assertThatThrownBy(() -> parse("[1, 2]")).hasMessage("value is not a JSON object but array");
    assertThatThrownBy(() -> parse("")).hasMessage("value is empty");
    assertThatThrownBy(() -> VisitJson.parse(null)).hasMessage("record has no value");
  }

  @Test
  void everyMissingFieldIsNamed() {
    assertThatThrownBy(
            () ->
                parse(
                    SampleVisit.of("u", 1L)
                        .without(VisitField.IP)
                        .without(VisitField.EVENT_TS)
                        .json()))
        .hasMessage("field 'ip' is missing; field 'event_ts' is missing");
  }

  @Test
  void wrongTypesAreNamedWithTheValueThatCame() {
    String json =
        SampleVisit.of("u", 1L)
            .with(VisitField.LAT, "north")
            .with(VisitField.HTTP_RESPONSE, "200")
            .with(VisitField.FILE_SIZE_BYTES, 12.5)
            .with(VisitField.OPTED_INTO_MARKETING, "yes")
            .with(VisitField.ID, 42)
            .json();

    assertThatThrownBy(() -> parse(json))
        .hasMessage(
            "field 'id' must be a string, got number 42; "
                + "field 'lat' must be a number or \"\", got string \"north\"; "
                + "field 'opted_into_marketing' must be a boolean, got string \"yes\"; "
                + "field 'http_response' must be an integer, got string \"200\"; "
                + "field 'file_size_bytes' must be an integer, got number 12.5");
  }

  @Test
  void nullInARequiredFieldIsNamed() {
    assertThatThrownBy(
            () -> parse(SampleVisit.of("u", 1L).with(VisitField.USER_AGENT, null).json()))
        .hasMessage("field 'user_agent' is null");
  }

  @Test
  void eventTsMustBeRepresentableAsEventTime() {
    assertThatThrownBy(() -> parse(SampleVisit.of("u", -5L).json()))
        .hasMessage("field 'event_ts' must be epoch millis from 0 to 253402300799999, got -5");
    assertThatThrownBy(() -> parse(SampleVisit.of("u", 1L).with(VisitField.EVENT_TS, 1e30).json()))
        .hasMessageStartingWith("field 'event_ts' must be an integer");
  }

  @Test
  void aDuplicateFieldIsMalformed() {
    assertThatThrownBy(() -> parse("{\"id\": \"a\", \"id\": \"b\"}"))
        .hasMessageStartingWith("malformed JSON: Duplicate field 'id'");
  }
}
