package dev.visitstream.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's transformation written by hand, for baseline (a): one website-visit value to the
 * website-out key {"event_id","event_ts"} and value (the 12 fields, lat/lng -1 when "", null or
 * missing), or the reason it is not a visit. Same strictness as the job: every other field must be
 * present with its JSON type.
 */
final class KeyedVisit {

  static final double NO_POSITION = -1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final JsonFactory JSON = new JsonFactory();

  record Output(byte[] key, byte[] value) {}

  /** Why a record is not a visit (the dlq.reason header). */
  static final class NotAVisit extends Exception {
    private static final long serialVersionUID = 1L;

    NotAVisit(String reason) {
      super(reason, null, false, false);
    }
  }

  private KeyedVisit() {}

  static Output transform(byte[] value) throws NotAVisit {
    if (value == null) {
      throw new NotAVisit("record has no value");
    }
    JsonNode json;
    try {
      json = MAPPER.readTree(value);
    } catch (IOException e) {
      throw new NotAVisit("malformed JSON: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw new NotAVisit("value is not a JSON object");
    }
    List<String> problems = new ArrayList<>(0);
    String ip = text(json, "ip", problems);
    String id = text(json, "id", problems);
    double lat = position(json, "lat", problems);
    double lng = position(json, "lng", problems);
    String userAgent = text(json, "user_agent", problems);
    String ageBracket = text(json, "age_bracket", problems);
    boolean optedIn = bool(json, "opted_into_marketing", problems);
    String httpRequest = text(json, "http_request", problems);
    long httpResponse = integer(json, "http_response", problems);
    long fileSize = integer(json, "file_size_bytes", problems);
    String eventDatetime = text(json, "event_datetime", problems);
    long eventTs = integer(json, "event_ts", problems);
    if (!problems.isEmpty()) {
      throw new NotAVisit(String.join("; ", problems));
    }
    try {
      ByteArrayOutputStream keyBytes = new ByteArrayOutputStream(96);
      try (JsonGenerator key = JSON.createGenerator(keyBytes)) {
        key.writeStartObject();
        key.writeStringField("event_id", id);
        key.writeNumberField("event_ts", eventTs);
        key.writeEndObject();
      }
      ByteArrayOutputStream valueBytes = new ByteArrayOutputStream(value.length + 32);
      try (JsonGenerator out = JSON.createGenerator(valueBytes)) {
        out.writeStartObject();
        out.writeStringField("ip", ip);
        out.writeStringField("id", id);
        out.writeNumberField("lat", lat);
        out.writeNumberField("lng", lng);
        out.writeStringField("user_agent", userAgent);
        out.writeStringField("age_bracket", ageBracket);
        out.writeBooleanField("opted_into_marketing", optedIn);
        out.writeStringField("http_request", httpRequest);
        out.writeNumberField("http_response", httpResponse);
        out.writeNumberField("file_size_bytes", fileSize);
        out.writeStringField("event_datetime", eventDatetime);
        out.writeNumberField("event_ts", eventTs);
        out.writeEndObject();
      }
      return new Output(keyBytes.toByteArray(), valueBytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode present(JsonNode json, String name, List<String> problems) {
    JsonNode node = json.get(name);
    if (node == null || node.isNull()) {
      problems.add("field '" + name + "' is " + (node == null ? "missing" : "null"));
      return null;
    }
    return node;
  }

  private static String text(JsonNode json, String name, List<String> problems) {
    JsonNode node = present(json, name, problems);
    if (node != null && !node.isTextual()) {
      problems.add("field '" + name + "' must be a string");
      return null;
    }
    return node == null ? null : node.textValue();
  }

  private static boolean bool(JsonNode json, String name, List<String> problems) {
    JsonNode node = present(json, name, problems);
    if (node != null && !node.isBoolean()) {
      problems.add("field '" + name + "' must be a boolean");
      return false;
    }
    return node != null && node.booleanValue();
  }

  private static long integer(JsonNode json, String name, List<String> problems) {
    JsonNode node = present(json, name, problems);
    if (node != null && !(node.isIntegralNumber() && node.canConvertToLong())) {
      problems.add("field '" + name + "' must be an integer");
      return 0;
    }
    return node == null ? 0 : node.longValue();
  }

  private static double position(JsonNode json, String name, List<String> problems) {
    JsonNode node = json.get(name);
    if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
      return NO_POSITION;
    }
    if (!node.isNumber()) {
      problems.add("field '" + name + "' must be a number or \"\"");
      return 0;
    }
    return node.doubleValue();
  }
}
