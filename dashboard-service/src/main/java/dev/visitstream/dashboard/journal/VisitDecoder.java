package dev.visitstream.dashboard.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.VisitFieldType;
import java.io.IOException;

/**
 * Reads the value of a {@code website-out} record with Jackson's streaming parser (no tree, no
 * reflection: it runs once per event, on the one ingest thread), field by {@link VisitField}.
 * Unknown fields are skipped. {@code id}, {@code event_ts} and {@code http_response} are required;
 * a position that is "", null or missing becomes -1 as in the contract.
 */
public final class VisitDecoder {

  private static final VisitField[] FIELDS = VisitField.ALL;

  /** What the dashboard cannot count or show a visit without. */
  private static final VisitField[] REQUIRED = {
    VisitField.ID, VisitField.EVENT_TS, VisitField.HTTP_RESPONSE
  };

  private final JsonFactory json = new JsonFactory();

  public VisitEvent decode(byte[] value) throws InvalidVisitException {
    if (value == null || value.length == 0) {
      throw new InvalidVisitException("empty value");
    }
    Object[] values = new Object[FIELDS.length];
    for (VisitField field : FIELDS) {
      if (field.type() == VisitFieldType.POSITION) {
        values[field.ordinal()] = VisitFieldType.NO_POSITION;
      }
    }
    try (JsonParser p = json.createParser(value)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidVisitException("value is not a JSON object");
      }
      int expected = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        VisitField field = VisitField.named(p.currentName(), expected);
        JsonToken t = p.nextToken();
        if (field == null) {
          p.skipChildren();
          continue;
        }
        values[field.ordinal()] = read(field, p, t);
        expected = field.ordinal() + 1;
      }
    } catch (IOException | ArithmeticException e) {
      throw new InvalidVisitException("malformed JSON: " + firstLine(e.getMessage()));
    }
    for (VisitField required : REQUIRED) {
      if (values[required.ordinal()] == null) {
        throw new InvalidVisitException("field '" + required.jsonName() + "' is missing");
      }
    }
    return new VisitEvent(values);
  }

  private static Object read(VisitField field, JsonParser p, JsonToken t)
      throws IOException, InvalidVisitException {
    String name = field.jsonName();
    return switch (field.type()) {
      case TEXT -> text(p, t, name);
      case BOOLEAN -> bool(p, t, name);
      case INT -> {
        Long number = integral(p, t, name);
        yield number == null ? null : Math.toIntExact(number);
      }
      case BIGINT -> integral(p, t, name);
      case POSITION -> coordinate(p, t, name);
    };
  }

  private static String text(JsonParser p, JsonToken t, String field)
      throws IOException, InvalidVisitException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NULL -> null;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
      default -> throw new InvalidVisitException("field '" + field + "' is not a string");
    };
  }

  private static Long integral(JsonParser p, JsonToken t, String field)
      throws IOException, InvalidVisitException {
    switch (t) {
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        try {
          return Long.parseLong(p.getText().strip());
        } catch (NumberFormatException e) {
          throw new InvalidVisitException("field '" + field + "' is not an integer");
        }
      default:
        throw new InvalidVisitException("field '" + field + "' is not an integer");
    }
  }

  private static Double coordinate(JsonParser p, JsonToken t, String field)
      throws IOException, InvalidVisitException {
    switch (t) {
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        // 1e999 parses as Infinity, which the journal's JSON could not carry to browsers
        double n = p.getDoubleValue();
        return Double.isFinite(n) ? n : VisitEvent.UNKNOWN_LOCATION;
      case VALUE_NULL:
        return VisitEvent.UNKNOWN_LOCATION;
      case VALUE_STRING:
        String s = p.getText().strip();
        if (s.isEmpty()) {
          return VisitEvent.UNKNOWN_LOCATION;
        }
        try {
          double d = Double.parseDouble(s);
          return Double.isFinite(d) ? d : VisitEvent.UNKNOWN_LOCATION;
        } catch (NumberFormatException e) {
          throw new InvalidVisitException("field '" + field + "' is not a number");
        }
      default:
        throw new InvalidVisitException("field '" + field + "' is not a number");
    }
  }

  private static Boolean bool(JsonParser p, JsonToken t, String field)
      throws IOException, InvalidVisitException {
    return switch (t) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case VALUE_STRING -> Boolean.parseBoolean(p.getText().strip());
      default -> throw new InvalidVisitException("field '" + field + "' is not a boolean");
    };
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
