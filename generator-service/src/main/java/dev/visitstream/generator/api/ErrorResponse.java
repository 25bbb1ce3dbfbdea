package dev.visitstream.generator.api;

import dev.visitstream.generator.settings.SettingsViolation;
import java.util.List;

/** The body of a 400 or 409: what was wrong, field by field. */
public record ErrorResponse(String error, List<SettingsViolation> violations) {}
