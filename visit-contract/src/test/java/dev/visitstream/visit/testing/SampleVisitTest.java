package dev.visitstream.visit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visitstream.visit.VisitField;
import org.junit.jupiter.api.Test;

class SampleVisitTest {

  @Test
  void writesEveryFieldInContractOrder() {
    assertEquals(
        "{\"ip\":\"203.0.113.7\",\"id\":\"u-1\",\"lat\":51.5072,\"lng\":-0.1276,"
            + "\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"age_bracket\":\"26-40\","
            + "\"opted_into_marketing\":true,\"http_request\":\"GET chromista.html HTTP/1.0\","
            + "\"http_response\":200,\"file_size_bytes\":1234,"
            + "\"event_datetime\":\"2026-11-29T13:05:01.123\",\"event_ts\":1795957501123}",
        SampleVisit.of("u-1", 1_795_957_501_123L).json());
  }

  @Test
  void changesDropsAndAddsFields() {
    String json =
        SampleVisit.of("u-\"1\"", 5)
            .with(VisitField.LAT, "")
            .withJson(VisitField.LNG, "[1]")
            .without(VisitField.HTTP_RESPONSE)
            .with(VisitField.USER_AGENT, null)
            .withExtra("referrer", "a\nb")
            .json();
    assertEquals(
        "{\"ip\":\"203.0.113.7\",\"id\":\"u-\\\"1\\\"\",\"lat\":\"\",\"lng\":[1],"
            + "\"user_agent\":null,\"age_bracket\":\"26-40\",\"opted_into_marketing\":true,"
            + "\"http_request\":\"GET chromista.html HTTP/1.0\",\"file_size_bytes\":1234,"
            + "\"event_datetime\":\"1970-01-01T00:00:00.005\",\"event_ts\":5,"
            + "\"referrer\":\"a\\u000ab\"}",
        json);
  }

  @Test
  void writesTheOutKey() {
    assertEquals("{\"event_id\":\"u-1\",\"event_ts\":7}", SampleVisit.outKey("u-1", 7));
  }
}
