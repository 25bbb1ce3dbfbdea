package dev.visitstream.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** A website-visit value as the generator writes it, with fields to change or drop per test. */
public final class TestVisit {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

  private final Map<String, Object> fields = new LinkedHashMap<>();

  private TestVisit(String id, long eventTs) {
    fields.put("ip", "203.0.113.7");
    fields.put("id", id);
    fields.put("lat", 51.5072);
    fields.put("lng", -0.1276);
    fields.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64)");
    fields.put("age_bracket", "26-40");
    fields.put("opted_into_marketing", true);
    fields.put("http_request", "GET chromista.html HTTP/1.0");
    fields.put("http_response", 200);
    fields.put("file_size_bytes", 1234);
    fields.put(
        "event_datetime",
        LocalDateTime.ofEpochSecond(
                Math.floorDiv(eventTs, 1000L), (int) Math.floorMod(eventTs, 1000L) * 1_000_000, ZoneOffset.UTC)
            .format(DATETIME));
    fields.put("event_ts", eventTs);
  }

  public static TestVisit of(String id, long eventTs) {
    return new TestVisit(id, eventTs);
  }

  public TestVisit with(String field, Object value) {
    fields.put(field, value);
    return this;
  }

  public TestVisit without(String field) {
    fields.remove(field);
    return this;
  }

  public Object get(String field) {
    return fields.get(field);
  }

  public String id() {
    return (String) fields.get("id");
  }

  public long eventTs() {
    return ((Number) fields.get("event_ts")).longValue();
  }

  public String json() {
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] bytes() {
    return json().getBytes(StandardCharsets.UTF_8);
  }

  public static KafkaRecord<byte[], byte[]> record(long offset, String key, String value) {
    return new KafkaRecord<>(
        "website-visit",
        0,
        offset,
        1_000L + offset,
        KafkaTimestampType.CREATE_TIME,
        new RecordHeaders(),
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }
}
