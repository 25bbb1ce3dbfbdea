package dev.visitstream.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** deploy/docker-compose.yml as data: services, their ports, environment and dependencies. */
final class ComposeFile {

  static final String LOCATION = "deploy/docker-compose.yml";

  private final Map<String, Object> services;

  private ComposeFile(Map<String, Object> services) {
    this.services = services;
  }

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

  /** The file as compose runs it: ${NAME} replaced by the value in deploy/.env. */
  @SuppressWarnings("unchecked")
  static ComposeFile load() {
    StackSettings settings = StackSettings.load();
    String text =
        VARIABLE
            .matcher(RepositoryFiles.read(LOCATION))
            .replaceAll(variable -> Matcher.quoteReplacement(settings.get(variable.group(1))));
    Map<String, Object> root = new Yaml(new LoaderOptions()).load(text);
    return new ComposeFile((Map<String, Object>) root.get("services"));
  }

  List<String> serviceNames() {
    return new ArrayList<>(services.keySet());
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> service(String name) {
    Object service = services.get(name);
    if (service == null) {
      throw new AssertionError(
          LOCATION + " has no service '" + name + "'; it has " + services.keySet());
    }
    return (Map<String, Object>) service;
  }

  String image(String service) {
    return String.valueOf(service(service).get("image"));
  }

  /** Published ports as host port to container port ("9092:9092" entries). */
  Map<Integer, Integer> ports(String service) {
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    Object list = service(service).get("ports");
    if (list instanceof List<?> entries) {
      for (Object entry : entries) {
        String[] parts = String.valueOf(entry).split(":");
        ports.put(
            Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
      }
    }
    return ports;
  }

  /** The environment block, values as strings (map form only, as the file uses it). */
  Map<String, String> environment(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    Object block = service(service).get("environment");
    if (block instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> env.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
    }
    return env;
  }

  /** depends_on as dependency to condition (service_healthy, service_completed_successfully...). */
  Map<String, String> dependsOn(String service) {
    Map<String, String> conditions = new LinkedHashMap<>();
    Object block = service(service).get("depends_on");
    if (block instanceof Map<?, ?> map) {
      map.forEach(
          (dependency, spec) ->
              conditions.put(
                  String.valueOf(dependency),
                  spec instanceof Map<?, ?> s
                      ? String.valueOf(s.get("condition"))
                      : "service_started"));
    } else if (block instanceof List<?> list) {
      list.forEach(dependency -> conditions.put(String.valueOf(dependency), "service_started"));
    }
    return conditions;
  }

  boolean hasHealthcheck(String service) {
    return service(service).get("healthcheck") instanceof Map<?, ?>;
  }

  /** The command as one text (list entries joined by newlines). */
  String command(String service) {
    Object command = service(service).get("command");
    if (command instanceof List<?> list) {
      return String.join("\n", list.stream().map(String::valueOf).toList());
    }
    return command == null ? "" : String.valueOf(command);
  }
}
