package dev.visitstream.bench;

import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.VisitFieldType;
import dev.visitstream.visit.VisitTopics;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Baseline (b): the pipeline's keyed output as a native Flink 1.16 SQL job (Kafka connector, JSON
 * format), on an embedded Flink like {@code java -jar pipeline-job-standalone.jar}, checkpointing
 * every 5 s like the job.
 *
 * <p>Native Flink SQL has no dead-letter path: a value that is not JSON or has a field of the wrong
 * type is dropped by {@code json.ignore-parse-errors}, and the WHERE clause drops rows with a
 * missing field or a position that is not a number. So this job writes website-out only, which
 * makes it do slightly less work than the Beam job and baseline (a).
 *
 * <p>{@code --bootstrap-servers B --input T --output T --group G [--parallelism P] [--checkpoint-ms
 * 5000]}
 */
public final class FlinkSqlJob {

  private FlinkSqlJob() {}

  public static void main(String[] args) throws Exception {
    Args parsed =
        Args.parse(
            args,
            Set.of(
                "bootstrap-servers", "input", "output", "group", "parallelism", "checkpoint-ms"));
    String bootstrapServers = parsed.required("bootstrap-servers");
    int parallelism = (int) parsed.number("parallelism", 1);

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
    env.setParallelism(parallelism);
    env.enableCheckpointing(parsed.number("checkpoint-ms", 5000));
    StreamTableEnvironment tables = StreamTableEnvironment.create(env);

    tables.executeSql(
        "CREATE TABLE visits ("
            + columns(true)
            + ") WITH ("
            + " 'connector' = 'kafka',"
            + " 'topic' = '"
            + parsed.text("input", VisitTopics.VISITS)
            + "',"
            + " 'properties.bootstrap.servers' = '"
            + bootstrapServers
            + "',"
            + " 'properties.group.id' = '"
            + parsed.text("group", "bench-flink-sql")
            + "',"
            + " 'scan.startup.mode' = 'earliest-offset',"
            + " 'format' = 'json',"
            + " 'json.ignore-parse-errors' = 'true',"
            + " 'json.fail-on-missing-field' = 'false'"
            + ")");
    // The key {"event_id","event_ts"}: the k_ prefix keeps key and value columns apart and is
    // taken off the key's JSON field names.
    tables.executeSql(
        "CREATE TABLE keyed_visits ("
            + " k_event_id STRING, k_event_ts BIGINT,"
            + columns(false)
            + ") WITH ("
            + " 'connector' = 'kafka',"
            + " 'topic' = '"
            + parsed.text("output", VisitTopics.OUT)
            + "',"
            + " 'properties.bootstrap.servers' = '"
            + bootstrapServers
            + "',"
            + " 'key.format' = 'json',"
            + " 'key.fields' = 'k_event_id;k_event_ts',"
            + " 'key.fields-prefix' = 'k_',"
            + " 'value.format' = 'json',"
            + " 'value.fields-include' = 'EXCEPT_KEY',"
            + " 'sink.delivery-guarantee' = 'at-least-once'"
            + ")");
    tables
        .executeSql(
            "INSERT INTO keyed_visits SELECT id, event_ts, "
                + selected()
                + " FROM visits WHERE "
                + validRow())
        .await();
  }

  /** The visit's columns; a position is read as text ("" or a number) and written as DOUBLE. */
  private static String columns(boolean positionsAsText) {
    StringJoiner columns = new StringJoiner(", ", " ", " ");
    for (VisitField field : VisitField.ALL) {
      columns.add(field.jsonName() + " " + sqlType(field, positionsAsText));
    }
    return columns.toString();
  }

  private static String sqlType(VisitField field, boolean positionsAsText) {
    switch (field.type()) {
      case TEXT:
        return "STRING";
      case BOOLEAN:
        return "BOOLEAN";
      case INT:
        return "INT";
      case BIGINT:
        return "BIGINT";
      default:
        return positionsAsText ? "STRING" : "DOUBLE";
    }
  }

  private static String selected() {
    StringJoiner selected = new StringJoiner(", ");
    for (VisitField field : VisitField.ALL) {
      boolean isPosition = field.type() == VisitFieldType.POSITION;
      selected.add(isPosition ? position(field.jsonName()) : field.jsonName());
    }
    return selected.toString();
  }

  /** Every field present (a position may be missing), as the job's strict parse demands. */
  private static String validRow() {
    StringJoiner valid = new StringJoiner(" AND ");
    for (VisitField field : VisitField.ALL) {
      boolean isPosition = field.type() == VisitFieldType.POSITION;
      valid.add(isPosition ? validPosition(field.jsonName()) : field.jsonName() + " IS NOT NULL");
    }
    return valid.toString();
  }

  /** "" or missing is -1; TRY_CAST because a plain CAST of a word kills the job. */
  private static String position(String column) {
    return "CASE WHEN "
        + column
        + " IS NULL OR "
        + column
        + " = '' THEN CAST(-1 AS DOUBLE)"
        + " ELSE TRY_CAST("
        + column
        + " AS DOUBLE) END";
  }

  private static String validPosition(String column) {
    return "("
        + column
        + " IS NULL OR "
        + column
        + " = '' OR TRY_CAST("
        + column
        + " AS DOUBLE) IS NOT NULL)";
  }
}
