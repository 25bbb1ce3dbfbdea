package dev.visitstream.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Quarkus service's src/main/resources/application.properties, with ${ENV:default} resolved to
 * the default.
 */
final class QuarkusServiceConfig {

  private static final Pattern EXPRESSION = Pattern.compile("^\\$\\{(\\w+)(?::(.*))?}$");

  final String module;
  private final Properties properties = new Properties();

  private QuarkusServiceConfig(String module, String text) {
    this.module = module;
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static QuarkusServiceConfig of(String module) {
    String location = module + "/src/main/resources/application.properties";
    if (!Files.exists(RepositoryFiles.path(location))) {
      throw new AssertionError(
          location
              + " is missing: the compose and stack checks read the service's"
              + " ports, bootstrap servers and topics from it");
    }
    return new QuarkusServiceConfig(module, RepositoryFiles.read(location));
  }

  String raw(String key) {
    return properties.getProperty(key);
  }

  /** The value a run with no environment override gets. */
  String effective(String key, String quarkusDefault) {
    String value = raw(key);
    if (value == null) {
      return quarkusDefault;
    }
    Matcher m = EXPRESSION.matcher(value.trim());
    return m.matches() ? (m.group(2) == null ? "" : m.group(2)) : value.trim();
  }

  /** The environment variable a ${VAR:default} value reads, or null. */
  String environmentVariable(String key) {
    String value = raw(key);
    if (value == null) {
      return null;
    }
    Matcher m = EXPRESSION.matcher(value.trim());
    return m.matches() ? m.group(1) : null;
  }

  /**
   * Effective values of every key that names a topic (generator.topic, mp.messaging.*.topic, ...).
   */
  List<String> topics() {
    return properties.stringPropertyNames().stream()
        .filter(key -> !key.startsWith("%") && (key.endsWith(".topic") || key.endsWith("-topic")))
        .sorted()
        .map(key -> effective(key, null))
        .toList();
  }

  /** Channels in one direction that name no topic (Quarkus then uses the channel name as topic). */
  List<String> channelsWithoutTopic(String direction) {
    String prefix = "mp.messaging." + direction + ".";
    return properties.stringPropertyNames().stream()
        .filter(key -> key.startsWith(prefix) && key.endsWith(".connector"))
        .map(key -> key.substring(prefix.length(), key.length() - ".connector".length()))
        .filter(channel -> raw(prefix + channel + ".topic") == null)
        .sorted()
        .toList();
  }
}
