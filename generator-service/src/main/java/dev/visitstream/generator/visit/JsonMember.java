package dev.visitstream.generator.visit;

import dev.visitstream.visit.VisitField;
import java.nio.charset.StandardCharsets;

/** The JSON text that opens a visit's member, rendered once so that writing it is copying bytes. */
final class JsonMember {

  private JsonMember() {}

  /** {@code "name":} */
  static String name(VisitField field) {
    return "\"" + field.jsonName() + "\":";
  }

  /** {@code ,"name":} as ASCII bytes: a member after the first. */
  static byte[] next(VisitField field) {
    return ("," + name(field)).getBytes(StandardCharsets.US_ASCII);
  }
}
