package dev.visitstream.generator.settings;

/** One reason a settings change was refused: the field it concerns and what is allowed. */
public record SettingsViolation(String field, String message) {

  static SettingsViolation of(Knob knob, Object got) {
    return new SettingsViolation(
        knob.field(), knob.field() + " must be " + knob.allowed() + ", got " + got);
  }
}
