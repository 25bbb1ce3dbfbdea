package dev.visitstream.dashboard.journal;

/**
 * A {@code website-out} record that does not follow the visit contract; the message names the
 * field.
 */
public class InvalidVisitException extends Exception {

  public InvalidVisitException(String message) {
    super(message, null, false, false);
  }
}
