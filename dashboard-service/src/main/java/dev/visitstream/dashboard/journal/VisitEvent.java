package dev.visitstream.dashboard.journal;

import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.VisitFieldType;
import java.util.Arrays;

/**
 * One parsed record of {@code website-out}: a value per {@link VisitField}, by its ordinal. Strings
 * are kept exactly as received (they are attacker-controlled and only ever leave as JSON strings).
 * A missing field is {@code null}; an unknown position is {@code -1}. id, event_ts and
 * http_response are always there (see {@link VisitDecoder}).
 */
public final class VisitEvent {

  public static final double UNKNOWN_LOCATION = VisitFieldType.NO_POSITION;

  private final Object[] values;

  /** {@code values} in contract order, of the Java types that {@link VisitFieldType} names. */
  public VisitEvent(Object... values) {
    if (values.length != VisitField.ALL.length) {
      throw new IllegalArgumentException(
          "a visit has " + VisitField.ALL.length + " fields, got " + values.length + " values");
    }
    this.values = values;
  }

  public Object value(VisitField field) {
    return values[field.ordinal()];
  }

  public String id() {
    return (String) values[VisitField.ID.ordinal()];
  }

  public long eventTs() {
    return (Long) values[VisitField.EVENT_TS.ordinal()];
  }

  public int httpResponse() {
    return (Integer) values[VisitField.HTTP_RESPONSE.ordinal()];
  }

  public String ageBracket() {
    return (String) values[VisitField.AGE_BRACKET.ordinal()];
  }

  public Long fileSizeBytes() {
    return (Long) values[VisitField.FILE_SIZE_BYTES.ordinal()];
  }

  public Boolean optedIntoMarketing() {
    return (Boolean) values[VisitField.OPTED_INTO_MARKETING.ordinal()];
  }

  public double lat() {
    return (Double) values[VisitField.LAT.ordinal()];
  }

  public double lng() {
    return (Double) values[VisitField.LNG.ordinal()];
  }

  /** The page part of {@code http_request} ("GET chromista.html HTTP/1.0" is "chromista.html"). */
  public String page() {
    String httpRequest = (String) values[VisitField.HTTP_REQUEST.ordinal()];
    if (httpRequest == null) {
      return "(none)";
    }
    String request = httpRequest.strip();
    int first = request.indexOf(' ');
    if (first < 0) {
      return shorten(request);
    }
    int second = request.indexOf(' ', first + 1);
    String path = second < 0 ? request.substring(first + 1) : request.substring(first + 1, second);
    return shorten(path.isEmpty() ? request : path);
  }

  public boolean hasLocation() {
    double lat = lat();
    double lng = lng();
    return !(lat == UNKNOWN_LOCATION && lng == UNKNOWN_LOCATION)
        && lat >= -90
        && lat <= 90
        && lng >= -180
        && lng <= 180;
  }

  private static String shorten(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VisitEvent that && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("VisitEvent{");
    for (VisitField field : VisitField.ALL) {
      out.append(field.ordinal() == 0 ? "" : ", ")
          .append(field.jsonName())
          .append('=')
          .append(values[field.ordinal()]);
    }
    return out.append('}').toString();
  }
}
