package dev.visitstream.generator.settings;

import java.util.List;
import java.util.stream.Collectors;

/** A settings change that was refused as a whole; nothing of it was applied. */
public class InvalidSettingsException extends RuntimeException {

  private final transient List<SettingsViolation> violations;

  public InvalidSettingsException(List<SettingsViolation> violations) {
    super(violations.stream().map(SettingsViolation::message).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public InvalidSettingsException(SettingsViolation violation) {
    this(List.of(violation));
  }

  public List<SettingsViolation> violations() {
    return violations;
  }
}
