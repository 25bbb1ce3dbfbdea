package dev.visitstream.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} or {@code --name=value} arguments; a flag without a value is "true". An
 * unknown name stops the program with a message naming it.
 */
final class Args {

  private final Map<String, String> values = new LinkedHashMap<>();

  private Args() {}

  static Args parse(String[] args, Set<String> known) {
    Args parsed = new Args();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "': options start with --");
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        value = "true";
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
      }
      parsed.values.put(name, value);
    }
    return parsed;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  long number(String name, long fallback) {
    String value = values.get(name);
    try {
      return value == null ? fallback : Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " must be a whole number, got '" + value + "'");
    }
  }

  double decimal(String name, double fallback) {
    String value = values.get(name);
    try {
      return value == null ? fallback : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
    }
  }

  boolean flag(String name) {
    String value = values.get(name);
    if (value == null) {
      return false;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(
          "--" + name + " must be true or false, got '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }
}
