package dev.visitstream.generator.api;

import java.util.List;

import dev.visitstream.generator.settings.SettingsViolation;

/** The body of a 400 or 409: what was wrong, field by field. */
public record ErrorResponse(String error, List<SettingsViolation> violations) {
}
