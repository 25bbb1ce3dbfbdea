package dev.visitstream.generator.visit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.visitstream.visit.VisitField;
import java.nio.charset.StandardCharsets;

/**
 * A simulated visitor. Everything a user keeps across visits is rendered to JSON once, here, so
 * that writing a visit is mostly copying bytes.
 */
final class VisitUser {

  private static final byte[] NO_LOCATION =
      ascii(
          ","
              + JsonMember.name(VisitField.LAT)
              + "\"\","
              + JsonMember.name(VisitField.LNG)
              + "\"\"");

  private final String id;
  private final String ip;
  private final double locationDraw;

  final byte[] key;

  /** {@code {"ip":"…"} } without the closing brace. */
  final byte[] ipField;

  /** {@code ,"id":"…"}. */
  final byte[] idField;

  /** {@code ,"lat":…,"lng":…}. */
  final byte[] locationFields;

  /** {@code ,"user_agent":"…","age_bracket":"…","opted_into_marketing":…}. */
  final byte[] profileFields;

  /** {@code lat} and {@code lng} as JSON numbers. */
  VisitUser(
      String id,
      String ip,
      String lat,
      String lng,
      String userAgent,
      String ageBracket,
      boolean optedIntoMarketing,
      double locationDraw) {
    this.id = id;
    this.ip = ip;
    this.locationDraw = locationDraw;
    this.key = id.getBytes(StandardCharsets.UTF_8);
    this.ipField = utf8("{" + JsonMember.name(VisitField.IP) + quoted(ip));
    this.idField = utf8("," + JsonMember.name(VisitField.ID) + quoted(id));
    this.locationFields =
        ascii(
            ","
                + JsonMember.name(VisitField.LAT)
                + lat
                + ","
                + JsonMember.name(VisitField.LNG)
                + lng);
    this.profileFields =
        utf8(
            ","
                + JsonMember.name(VisitField.USER_AGENT)
                + quoted(userAgent)
                + ","
                + JsonMember.name(VisitField.AGE_BRACKET)
                + quoted(ageBracket)
                + ","
                + JsonMember.name(VisitField.OPTED_INTO_MARKETING)
                + optedIntoMarketing);
  }

  public String id() {
    return id;
  }

  public String ip() {
    return ip;
  }

  /**
   * The user's location is unknown (lat/lng "") when this draw is below the configured share. A
   * fixed draw per user keeps a user's location consistent across visits and lets the share change
   * while the generator runs.
   */
  public boolean locationKnown(double emptyLocationShare) {
    return locationDraw >= emptyLocationShare;
  }

  byte[] locationFields(double emptyLocationShare) {
    return locationKnown(emptyLocationShare) ? locationFields : NO_LOCATION;
  }

  private static String quoted(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
