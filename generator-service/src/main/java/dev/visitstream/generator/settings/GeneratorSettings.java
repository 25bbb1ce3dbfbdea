package dev.visitstream.generator.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * What the generator does right now; immutable, replaced as a whole on every change.
 *
 * @param rate events per second, 0 = as fast as possible
 * @param users size of the user pool
 * @param emptyLocationShare share of users (hence of events) whose lat/lng are ""
 * @param malformedShare share of records that are not valid visits (dead letters for the pipeline)
 * @param lateShare share of events whose event time lies {@code lateByMs} in the past
 * @param lateByMs how late a late event is
 * @param seed seed of the user pool and of each run's sequence; null = random
 */
public record GeneratorSettings(
    double rate,
    int users,
    double emptyLocationShare,
    double malformedShare,
    double lateShare,
    long lateByMs,
    Long seed) {

  public static final double MAX_RATE = 1_000_000;
  public static final double MAX_DELAY_SECONDS = 86_400;
  public static final int MAX_USERS = 100_000;
  public static final long MAX_LATE_BY_MS = 86_400_000;

  /** The original datagen's knob: seconds between events (0 when unthrottled). */
  @JsonProperty("delaySeconds")
  public double delaySeconds() {
    return rate == 0 ? 0 : 1 / rate;
  }

  /** Range checks of every field; empty when the settings are usable. */
  public List<SettingsViolation> violations() {
    List<SettingsViolation> violations = new ArrayList<>();
    if (!(rate >= 0 && rate <= MAX_RATE)) {
      violations.add(SettingsViolation.of(Knob.RATE, rate));
    }
    if (users < 1 || users > MAX_USERS) {
      violations.add(SettingsViolation.of(Knob.USERS, users));
    }
    share(Knob.EMPTY_LOCATION_SHARE, emptyLocationShare, violations);
    share(Knob.MALFORMED_SHARE, malformedShare, violations);
    share(Knob.LATE_SHARE, lateShare, violations);
    if (lateByMs < 0 || lateByMs > MAX_LATE_BY_MS) {
      violations.add(SettingsViolation.of(Knob.LATE_BY_MS, lateByMs));
    }
    return violations;
  }

  static double rateForDelay(double delaySeconds) {
    return delaySeconds == 0 ? 0 : 1 / delaySeconds;
  }

  private static void share(Knob knob, double value, List<SettingsViolation> violations) {
    if (!(value >= 0 && value <= 1)) {
      violations.add(SettingsViolation.of(knob, value));
    }
  }
}
