package dev.visitstream.pipeline.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.VisitFieldType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.values.Row;

/**
 * Reads one website-visit value into a {@link VisitSchema} row, strictly: every {@link VisitField}
 * must be there with its JSON type, except a position, which becomes -1 when it is "", null or
 * missing. Anything else is an {@link InvalidVisit} whose message lists every problem, so that a
 * person reading the dead letter sees all of them at once.
 */
public final class VisitJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * A visit is about 430 bytes. Far larger values are refused before parsing: they cost memory and
   * time, and their website-out record could outgrow the producer's 1 MB request limit, which would
   * fail the writer and with it the job.
   */
  static final int MAX_VISIT_BYTES = 64 * 1024;

  private static final VisitField[] FIELDS = VisitField.ALL;

  private VisitJson() {}

  public static Row parse(byte[] value) throws InvalidVisit {
    if (value == null) {
      throw new InvalidVisit("record has no value");
    }
    if (value.length > MAX_VISIT_BYTES) {
      throw new InvalidVisit(
          "value is "
              + value.length
              + " bytes, more than the "
              + MAX_VISIT_BYTES
              + " a visit may have");
    }
    JsonNode json;
    try {
      json = MAPPER.readTree(value);
    } catch (JsonProcessingException e) {
      throw new InvalidVisit("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidVisit("unreadable value: " + e.getMessage());
    }
    if (json == null || json.isMissingNode()) {
      throw new InvalidVisit("value is empty");
    }
    if (!json.isObject()) {
      throw new InvalidVisit("value is not a JSON object but " + typeOf(json));
    }
    Fields fields = new Fields(json);
    Object[] values = new Object[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      values[i] = fields.value(FIELDS[i]);
    }
    Row row = Row.withSchema(VisitSchema.SCHEMA).attachValues(values);
    if (!fields.problems.isEmpty()) {
      throw new InvalidVisit(String.join("; ", fields.problems));
    }
    return row;
  }

  /**
   * event_ts must be epoch millis from 1970 to the year 9999: time windows and watermarks cannot
   * represent much more (Beam's timestamps end near the year 294,000), and nothing real is older.
   */
  public static boolean isValidEventTs(long eventTs) {
    return eventTs >= 0 && eventTs <= MAX_EVENT_TS;
  }

  /** 9999-12-31T23:59:59.999Z */
  public static final long MAX_EVENT_TS = 253_402_300_799_999L;

  /** Why a record is not a visit; the message goes into the dlq.reason header. */
  public static final class InvalidVisit extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidVisit(String reason) {
      super(reason, null, false, false);
    }
  }

  private static String typeOf(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** The type and, for a scalar, the value (shortened), e.g. {@code string "north"}. */
  private static String describe(JsonNode node) {
    if (node.isContainerNode()) {
      return typeOf(node);
    }
    String text = node.toString();
    return typeOf(node) + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  /** Collects the problems of one object instead of stopping at the first. */
  private static final class Fields {
    private final JsonNode json;
    private final List<String> problems = new ArrayList<>(0);

    Fields(JsonNode json) {
      this.json = json;
    }

    Object value(VisitField field) {
      String name = field.jsonName();
      switch (field.type()) {
        case TEXT:
          return text(name);
        case BOOLEAN:
          return bool(name);
        case INT:
          return integer(name);
        case BIGINT:
          return field == VisitField.EVENT_TS ? eventTs() : longInteger(name);
        case POSITION:
          return position(name);
        default:
          throw new IllegalStateException("no reader for " + field.type());
      }
    }

    private JsonNode present(String name) {
      JsonNode node = json.get(name);
      if (node == null) {
        problems.add("field '" + name + "' is missing");
      } else if (node.isNull()) {
        problems.add("field '" + name + "' is null");
        return null;
      }
      return node;
    }

    private void wrongType(String name, String expected, JsonNode node) {
      problems.add("field '" + name + "' must be " + expected + ", got " + describe(node));
    }

    private String text(String name) {
      JsonNode node = present(name);
      if (node == null) {
        return null;
      }
      if (!node.isTextual()) {
        wrongType(name, "a string", node);
        return null;
      }
      return node.textValue();
    }

    private Boolean bool(String name) {
      JsonNode node = present(name);
      if (node == null) {
        return null;
      }
      if (!node.isBoolean()) {
        wrongType(name, "a boolean", node);
        return null;
      }
      return node.booleanValue();
    }

    private Integer integer(String name) {
      JsonNode node = present(name);
      if (node == null) {
        return null;
      }
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        wrongType(name, "an integer", node);
        return null;
      }
      return node.intValue();
    }

    private Long longInteger(String name) {
      JsonNode node = present(name);
      if (node == null) {
        return null;
      }
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        wrongType(name, "an integer", node);
        return null;
      }
      return node.longValue();
    }

    private Long eventTs() {
      String name = VisitField.EVENT_TS.jsonName();
      Long eventTs = longInteger(name);
      if (eventTs != null && !isValidEventTs(eventTs)) {
        problems.add(
            "field '"
                + name
                + "' must be epoch millis from 0 to "
                + MAX_EVENT_TS
                + ", got "
                + eventTs);
        return null;
      }
      return eventTs;
    }

    /** The generator sends "" for an unknown position; missing or null mean the same. */
    private Double position(String name) {
      JsonNode node = json.get(name);
      if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
        return VisitFieldType.NO_POSITION;
      }
      if (!node.isNumber()) {
        wrongType(name, "a number or \"\"", node);
        return null;
      }
      return node.doubleValue();
    }
  }
}
