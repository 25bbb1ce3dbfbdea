package dev.visitstream.generator.settings;

/**
 * The settings a developer can turn, with their names in the REST API and in
 * application.properties.
 */
public enum Knob {
  RATE(
      "rate",
      "generator.rate",
      "a number between 0 and "
          + (long) GeneratorSettings.MAX_RATE
          + " events/s (0 = as fast as possible)"),
  DELAY_SECONDS(
      "delaySeconds",
      "generator.delay-seconds",
      "a number between 0 and "
          + (long) GeneratorSettings.MAX_DELAY_SECONDS
          + " seconds between events (0 = as fast as possible)"),
  USERS("users", "generator.users", "a whole number between 1 and " + GeneratorSettings.MAX_USERS),
  EMPTY_LOCATION_SHARE(
      "emptyLocationShare", "generator.empty-location-share", "a number between 0 and 1"),
  MALFORMED_SHARE("malformedShare", "generator.malformed-share", "a number between 0 and 1"),
  LATE_SHARE("lateShare", "generator.late-share", "a number between 0 and 1"),
  LATE_BY_MS(
      "lateByMs",
      "generator.late-by",
      "a whole number of milliseconds between 0 and " + GeneratorSettings.MAX_LATE_BY_MS),
  SEED("seed", "generator.seed", "a whole number (64 bit), or null for a new random seed per run");

  private final String field;
  private final String property;
  private final String allowed;

  Knob(String field, String property, String allowed) {
    this.field = field;
    this.property = property;
    this.allowed = allowed;
  }

  /** Name in the REST API's JSON. */
  public String field() {
    return field;
  }

  /** Name in application.properties (env var: upper case, '.' and '-' as '_'). */
  public String property() {
    return property;
  }

  public String allowed() {
    return allowed;
  }

  public static Knob byField(String field) {
    for (Knob knob : values()) {
      if (knob.field.equals(field)) {
        return knob;
      }
    }
    return null;
  }
}
