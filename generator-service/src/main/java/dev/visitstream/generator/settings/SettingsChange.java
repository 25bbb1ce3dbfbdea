package dev.visitstream.generator.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A change of settings as a client sent it (JSON object, fields optional). It is checked as a
 * whole, types and ranges, before anything is applied: a request with one bad field changes
 * nothing.
 */
public final class SettingsChange {

  private static final String KNOWN_FIELDS =
      Arrays.stream(Knob.values()).map(Knob::field).collect(Collectors.joining(", "));

  private final JsonNode body;

  public SettingsChange(JsonNode body) {
    this.body = body;
  }

  /** The change in a request body; a body that is not JSON is refused naming "body". */
  public static SettingsChange parse(ObjectMapper json, String body) {
    try {
      return new SettingsChange(body == null || body.isBlank() ? null : json.readTree(body));
    } catch (JsonProcessingException e) {
      throw new InvalidSettingsException(
          new SettingsViolation("body", "the body is not valid JSON: " + e.getOriginalMessage()));
    }
  }

  /** The settings {@code base} becomes with this change, or an {@link InvalidSettingsException}. */
  public GeneratorSettings applyTo(GeneratorSettings base) {
    if (body == null || !body.isObject()) {
      throw new InvalidSettingsException(
          new SettingsViolation(
              "body", "the body must be a JSON object with some of the fields " + KNOWN_FIELDS));
    }
    List<SettingsViolation> violations = new ArrayList<>();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (Knob.byField(name) == null) {
        violations.add(
            new SettingsViolation(
                name, "unknown field " + name + "; known fields: " + KNOWN_FIELDS));
      }
    }
    Reader read = new Reader(violations);
    double rate = read.number(Knob.RATE, base.rate());
    if (body.has(Knob.DELAY_SECONDS.field())) {
      double delay = read.number(Knob.DELAY_SECONDS, -1);
      if (body.has(Knob.RATE.field())) {
        violations.add(
            new SettingsViolation(
                Knob.DELAY_SECONDS.field(), "give either rate or delaySeconds, not both"));
      } else if (delay >= 0 && delay <= GeneratorSettings.MAX_DELAY_SECONDS) {
        rate = GeneratorSettings.rateForDelay(delay);
      } else if (!read.failed(Knob.DELAY_SECONDS)) {
        violations.add(SettingsViolation.of(Knob.DELAY_SECONDS, delay));
      }
    }
    long users = read.whole(Knob.USERS, base.users());
    GeneratorSettings candidate =
        new GeneratorSettings(
            rate,
            (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, users)),
            read.number(Knob.EMPTY_LOCATION_SHARE, base.emptyLocationShare()),
            read.number(Knob.MALFORMED_SHARE, base.malformedShare()),
            read.number(Knob.LATE_SHARE, base.lateShare()),
            read.whole(Knob.LATE_BY_MS, base.lateByMs()),
            read.seed(base.seed()));
    for (SettingsViolation violation : candidate.violations()) {
      Knob knob = Knob.byField(violation.field());
      if (!read.failed(knob) && !(knob == Knob.RATE && body.has(Knob.DELAY_SECONDS.field()))) {
        violations.add(
            knob == Knob.USERS && users != candidate.users()
                ? SettingsViolation.of(knob, users)
                : violation);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidSettingsException(violations);
    }
    return candidate;
  }

  /** Reads fields of the right JSON type and notes the ones that are not. */
  private final class Reader {

    private final List<SettingsViolation> violations;
    private final List<Knob> failed = new ArrayList<>();

    Reader(List<SettingsViolation> violations) {
      this.violations = violations;
    }

    double number(Knob knob, double otherwise) {
      JsonNode node = body.get(knob.field());
      if (node == null) {
        return otherwise;
      }
      if (!node.isNumber()) {
        return fail(knob, node, otherwise);
      }
      return node.doubleValue();
    }

    long whole(Knob knob, long otherwise) {
      JsonNode node = body.get(knob.field());
      if (node == null) {
        return otherwise;
      }
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        return node.longValue();
      }
      if (node.isFloatingPointNumber()
          && node.doubleValue() == Math.rint(node.doubleValue())
          && Math.abs(node.doubleValue()) < 1e15) {
        return (long) node.doubleValue();
      }
      return fail(knob, node, otherwise);
    }

    Long seed(Long otherwise) {
      JsonNode node = body.get(Knob.SEED.field());
      if (node == null) {
        return otherwise;
      }
      if (node.isNull()) {
        return null;
      }
      if (node.isIntegralNumber() && node.bigIntegerValue().bitLength() < 64) {
        return node.longValue();
      }
      return fail(Knob.SEED, node, otherwise);
    }

    boolean failed(Knob knob) {
      return failed.contains(knob);
    }

    private <T> T fail(Knob knob, JsonNode node, T otherwise) {
      failed.add(knob);
      violations.add(SettingsViolation.of(knob, node.toString()));
      return otherwise;
    }
  }
}
