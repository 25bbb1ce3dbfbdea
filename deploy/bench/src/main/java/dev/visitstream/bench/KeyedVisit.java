package dev.visitstream.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.visit.OutRecordKey;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.VisitFieldType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's transformation written by hand, for baseline (a): one website-visit value to the
 * website-out key ({@link OutRecordKey}) and value (the contract's fields, a position -1 when "",
 * null or missing), or the reason it is not a visit. Same strictness as the job: every other field
 * must be present with its JSON type.
 */
final class KeyedVisit {

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
    Object[] values = new Object[VisitField.ALL.length];
    for (VisitField field : VisitField.ALL) {
      String name = field.jsonName();
      switch (field.type()) {
        case TEXT:
          values[field.ordinal()] = text(json, name, problems);
          break;
        case BOOLEAN:
          values[field.ordinal()] = bool(json, name, problems);
          break;
        case POSITION:
          values[field.ordinal()] = position(json, name, problems);
          break;
        default:
          values[field.ordinal()] = integer(json, name, problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new NotAVisit(String.join("; ", problems));
    }
    try {
      ByteArrayOutputStream keyBytes = new ByteArrayOutputStream(96);
      try (JsonGenerator key = JSON.createGenerator(keyBytes)) {
        key.writeStartObject();
        key.writeStringField(OutRecordKey.EVENT_ID, (String) values[VisitField.ID.ordinal()]);
        key.writeNumberField(OutRecordKey.EVENT_TS, (Long) values[VisitField.EVENT_TS.ordinal()]);
        key.writeEndObject();
      }
      ByteArrayOutputStream valueBytes = new ByteArrayOutputStream(value.length + 32);
      try (JsonGenerator out = JSON.createGenerator(valueBytes)) {
        out.writeStartObject();
        for (VisitField field : VisitField.ALL) {
          Object v = values[field.ordinal()];
          out.writeFieldName(field.jsonName());
          if (v instanceof String) {
            out.writeString((String) v);
          } else if (v instanceof Double) {
            out.writeNumber((Double) v);
          } else if (v instanceof Boolean) {
            out.writeBoolean((Boolean) v);
          } else {
            out.writeNumber((Long) v);
          }
        }
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
      return VisitFieldType.NO_POSITION;
    }
    if (!node.isNumber()) {
      problems.add("field '" + name + "' must be a number or \"\"");
      return 0;
    }
    return node.doubleValue();
  }
}
