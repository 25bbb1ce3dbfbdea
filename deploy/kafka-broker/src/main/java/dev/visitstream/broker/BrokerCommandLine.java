package dev.visitstream.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The local stack's command line for {@link KafkaBroker#main}. */
record BrokerCommandLine(BrokerSettings settings, Map<String, Integer> topics, String logLevel) {

  static final String USAGE =
      "usage: KafkaBroker --data-dir DIR [--port 9092] [--controller-port 9093]"
          + " [--host 127.0.0.1] [--advertised-host HOST] [--topics name:partitions,...] [--log-level INFO]";

  static BrokerCommandLine parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value, got '" + name + "'");
      }
      values.put(name.substring(2), args[++i]);
    }
    String dataDir = values.remove("data-dir");
    if (dataDir == null) {
      throw new IllegalArgumentException("--data-dir is required");
    }
    String host = values.getOrDefault("host", "127.0.0.1");
    values.remove("host");
    String advertisedHost = orDefault(values.remove("advertised-host"), host);
    int port = port(values, "port", 9092);
    int controllerPort = port(values, "controller-port", 9093);
    Map<String, Integer> topics = topics(orDefault(values.remove("topics"), ""));
    String logLevel = orDefault(values.remove("log-level"), "INFO");
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
    }
    BrokerSettings settings =
        new BrokerSettings(
            host,
            advertisedHost,
            port,
            controllerPort,
            Path.of(dataDir).toAbsolutePath(),
            BrokerSettings.LOCAL_CLUSTER_ID);
    return new BrokerCommandLine(settings, topics, logLevel);
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static int port(Map<String, String> values, String name, int fallback) {
    String value = values.remove(name);
    if (value == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the option's name
    }
    throw new IllegalArgumentException(
        "--" + name + " must be a port number from 1 to 65535, got '" + value + "'");
  }

  private static Map<String, Integer> topics(String spec) {
    Map<String, Integer> topics = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.trim().split(":");
      try {
        topics.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 3);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--topics takes name:partitions,..., got '" + entry + "'");
      }
    }
    return topics;
  }
}
