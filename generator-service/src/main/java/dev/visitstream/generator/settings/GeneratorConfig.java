package dev.visitstream.generator.settings;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The generator's start-up configuration ({@code generator.*} in application.properties, each key
 * overridable by its env var, e.g. {@code GENERATOR_RATE}). Live changes go through the REST API.
 * The defaults live in application.properties only, beside their explanation, so that this mapping
 * and the file cannot disagree; a key missing there stops the start naming it.
 */
@ConfigMapping(prefix = "generator")
public interface GeneratorConfig {

  /** Kafka topic the visits go to. */
  String topic();

  /**
   * Start sending at start-up (as the original datagen did) instead of waiting for POST
   * /generator/start.
   */
  boolean autostart();

  /** Events per second; 0 = as fast as possible. */
  double rate();

  /** The original datagen's knob; when set it wins over {@link #rate()} (rate = 1 / delay). */
  Optional<Double> delaySeconds();

  int users();

  double emptyLocationShare();

  double malformedShare();

  double lateShare();

  Duration lateBy();

  Optional<Long> seed();

  /**
   * Token the mutating control endpoints (POST, PUT, PATCH) ask for, as {@code Authorization:
   * Bearer <token>} or {@code X-Api-Token}; unset or empty = no token needed (local use).
   */
  Optional<String> apiToken();

  /** The settings at start-up; a bad value stops the start naming the property. */
  default GeneratorSettings initialSettings() {
    double delay = delaySeconds().orElse(0.0);
    if (delaySeconds().isPresent()
        && !(delay >= 0 && delay <= GeneratorSettings.MAX_DELAY_SECONDS)) {
      throw invalid(Knob.DELAY_SECONDS, delay);
    }
    GeneratorSettings settings =
        new GeneratorSettings(
            delaySeconds().map(GeneratorSettings::rateForDelay).orElse(rate()),
            users(),
            emptyLocationShare(),
            malformedShare(),
            lateShare(),
            lateBy().toMillis(),
            seed().orElse(null));
    List<SettingsViolation> violations = settings.violations();
    if (!violations.isEmpty()) {
      Knob knob = Knob.byField(violations.get(0).field());
      throw invalid(knob, violations.get(0).message().replaceFirst(".*, got ", ""));
    }
    return settings;
  }

  private static IllegalArgumentException invalid(Knob knob, Object got) {
    return new IllegalArgumentException(
        knob.property() + " must be " + knob.allowed() + ", got " + got);
  }
}
