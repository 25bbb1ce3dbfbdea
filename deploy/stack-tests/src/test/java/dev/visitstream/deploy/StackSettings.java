package dev.visitstream.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deploy/.env: the values both stacks share (ports at STACK_PORT_OFFSET=0, topics, task slots, HA,
 * the job's name and run options), which deploy/stack takes as its defaults and docker compose
 * substitutes into docker-compose.yml.
 */
final class StackSettings {

  static final String LOCATION = "deploy/.env";

  private final Map<String, String> values;

  private StackSettings(Map<String, String> values) {
    this.values = values;
  }

  static StackSettings load() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : RepositoryFiles.read(LOCATION).split("\n")) {
      String trimmed = line.trim();
      int equals = trimmed.indexOf('=');
      if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
        continue;
      }
      String value = trimmed.substring(equals + 1);
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      values.put(trimmed.substring(0, equals), value);
    }
    return new StackSettings(values);
  }

  Map<String, String> all() {
    return Map.copyOf(values);
  }

  String get(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new AssertionError(LOCATION + " has no " + name + "; it has " + values.keySet());
    }
    return value;
  }

  /** Every *_PORT by name (KAFKA_PORT -> 9092 ...). */
  Map<String, Integer> ports() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (name.endsWith("_PORT")) {
            ports.put(name, Integer.parseInt(value));
          }
        });
    return ports;
  }

  int port(String name) {
    return Integer.parseInt(get(name));
  }

  List<String> topics() {
    return List.of(get("STACK_TOPICS").trim().split("\\s+"));
  }
}
