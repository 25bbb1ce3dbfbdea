package dev.visitstream.visit.testing;

import dev.visitstream.visit.OutRecordKey;
import dev.visitstream.visit.VisitField;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A website-visit value for tests, valid until a test changes it: every {@link VisitField} in
 * contract order with its example value, the given id and event_ts, and the event_datetime of that
 * event_ts. Fields can be given other values (of any type, to make a visit malformed), dropped, or
 * added after the contract's fields.
 */
public final class SampleVisit {

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

  /** A value that JSON writes as it is given (see {@link #withJson}). */
  private static final class RawJson {
    final String json;

    RawJson(String json) {
      this.json = json;
    }
  }

  private static final Object ABSENT = new Object();

  private final Object[] values = new Object[VisitField.ALL.length];
  private final List<String> extraNames = new ArrayList<>(0);
  private final List<Object> extraValues = new ArrayList<>(0);

  private SampleVisit(String id, long eventTs) {
    for (VisitField field : VisitField.ALL) {
      values[field.ordinal()] = field.example();
    }
    values[VisitField.ID.ordinal()] = id;
    values[VisitField.EVENT_TS.ordinal()] = eventTs;
    values[VisitField.EVENT_DATETIME.ordinal()] = eventDatetime(eventTs);
  }

  /** A valid visit of {@code id} at {@code eventTs}. */
  public static SampleVisit of(String id, long eventTs) {
    return new SampleVisit(id, eventTs);
  }

  /** A valid visit with the example id and event_ts. */
  public static SampleVisit valid() {
    return of((String) VisitField.ID.example(), (Long) VisitField.EVENT_TS.example());
  }

  /** event_datetime as writers derive it from event_ts: UTC, no offset, milliseconds. */
  public static String eventDatetime(long eventTs) {
    return LocalDateTime.ofEpochSecond(
            Math.floorDiv(eventTs, 1000L),
            (int) Math.floorMod(eventTs, 1000L) * 1_000_000,
            ZoneOffset.UTC)
        .format(DATETIME);
  }

  /** The value of {@code field}: String, Number, Boolean, or null; any Java value goes. */
  public SampleVisit with(VisitField field, Object value) {
    values[field.ordinal()] = value;
    return this;
  }

  /** {@code field} written as this JSON text, e.g. {@code "[1,2]"} or {@code "1e999"}. */
  public SampleVisit withJson(VisitField field, String json) {
    values[field.ordinal()] = new RawJson(json);
    return this;
  }

  /** The visit without {@code field}. */
  public SampleVisit without(VisitField field) {
    values[field.ordinal()] = ABSENT;
    return this;
  }

  /** A field the contract does not have, written after its fields. */
  public SampleVisit withExtra(String name, Object value) {
    extraNames.add(name);
    extraValues.add(value);
    return this;
  }

  public Object get(VisitField field) {
    Object value = values[field.ordinal()];
    return value == ABSENT ? null : value;
  }

  public String id() {
    return (String) get(VisitField.ID);
  }

  public long eventTs() {
    return ((Number) get(VisitField.EVENT_TS)).longValue();
  }

  /** The visit as compact JSON, fields in contract order. */
  public String json() {
    StringBuilder out = new StringBuilder(480).append('{');
    for (VisitField field : VisitField.ALL) {
      Object value = values[field.ordinal()];
      if (value != ABSENT) {
        member(out, field.jsonName(), value);
      }
    }
    for (int i = 0; i < extraNames.size(); i++) {
      member(out, extraNames.get(i), extraValues.get(i));
    }
    return out.append('}').toString();
  }

  public byte[] bytes() {
    return json().getBytes(StandardCharsets.UTF_8);
  }

  /** The website-out key of {@code id} at {@code eventTs}. */
  public static String outKey(String id, long eventTs) {
    StringBuilder out = new StringBuilder(96).append('{');
    member(out, OutRecordKey.EVENT_ID, id);
    member(out, OutRecordKey.EVENT_TS, eventTs);
    return out.append('}').toString();
  }

  /** The website-out key of this visit. */
  public String outKey() {
    return outKey(id(), eventTs());
  }

  private static void member(StringBuilder out, String name, Object value) {
    if (out.length() > 1) {
      out.append(',');
    }
    quote(out, name);
    out.append(':');
    if (value == null) {
      out.append("null");
    } else if (value instanceof RawJson) {
      out.append(((RawJson) value).json);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      quote(out, value.toString());
    }
  }

  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
