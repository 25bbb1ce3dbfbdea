package dev.visitstream.dashboard.sql;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a query where its job would be built: the query command plans it with Beam SQL and prints
 * a report (the tables, the result columns and keys, Beam's plan, or the planner's error and
 * position). No job is created. See {@link QueryLauncher} for why a process of its own.
 */
@ApplicationScoped
public class QueryCheck {

  private static final String TABLES_QUERY = "SELECT * FROM visits";

  private final QueryLauncher launcher;
  private final FlinkCluster flink;
  private final SqlConfig config;
  private final String bootstrapServers;
  private volatile JsonNode tables;

  public QueryCheck(
      QueryLauncher launcher,
      FlinkCluster flink,
      SqlConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.launcher = launcher;
    this.flink = flink;
    this.config = config;
    this.bootstrapServers = bootstrapServers;
  }

  /** The tables a query sees and their columns, as the query command reports them (asked once). */
  public JsonNode tables() {
    JsonNode known = tables;
    if (known == null) {
      known = check(TABLES_QUERY, null).path("tables");
      tables = known;
    }
    return known;
  }

  /** The report; {@code ok} false (with error and position) for a query that cannot run. */
  public JsonNode check(String query, String startFrom) {
    QueryText.validate(query, config.maxQueryChars());
    List<String> args = new ArrayList<>(arguments(query, startFrom));
    args.add("--check=true");
    return report(launcher.launch(args));
  }

  /** The report the query command printed; an exception naming its failure when it printed none. */
  JsonNode report(QueryLauncher.Outcome outcome) {
    JsonNode report = outcome.lastLine() == null ? null : flink.json(outcome.lastLine());
    if (report == null || !report.has("ok")) {
      throw new IllegalStateException(
          "the query command failed: " + lastCause(outcome.errorTail()));
    }
    return report;
  }

  /**
   * The query job's arguments (without name, result topic, group and cluster), the same for check
   * and run; the job reads the visits topic of its own default.
   */
  List<String> arguments(String query, String startFrom) {
    return List.of(
        "--query=" + query,
        "--startFrom=" + (startFrom == null || startFrom.isBlank() ? "latest" : startFrom.strip()),
        "--bootstrapServers=" + bootstrapServers);
  }

  /** The innermost cause a stack trace names, else its last line. */
  static String lastCause(String errorTail) {
    String cause = null;
    for (String line : errorTail.lines().toList()) {
      if (line.startsWith("Caused by: ") || line.startsWith("Exception in thread")) {
        cause = line;
      }
    }
    String found =
        cause != null ? cause : errorTail.lines().reduce((a, b) -> b).orElse("no output");
    return found.length() > 500 ? found.substring(0, 500) + "…" : found;
  }
}
