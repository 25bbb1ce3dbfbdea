package dev.visitstream.bench;

import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Baseline (b): the pipeline's keyed output as a native Flink 1.16 SQL job (Kafka connector, JSON
 * format), on an embedded Flink like {@code java -jar pipeline-job-standalone.jar}, checkpointing
 * every 5 s like the job.
 *
 * <p>Native Flink SQL has no dead-letter path: a value that is not JSON or has a field
 * of the wrong type is dropped by {@code json.ignore-parse-errors}, and the WHERE clause drops rows
 * with a missing field or a position that is not a number. So this job writes website-out only,
 * which makes it do slightly less work than the Beam job and baseline (a).
 *
 * <p>{@code --bootstrap-servers B --input T --output T --group G [--parallelism P]
 * [--checkpoint-ms 5000]}
 */
public final class FlinkSqlJob {

  private FlinkSqlJob() {}

  public static void main(String[] args) throws Exception {
    Args parsed =
        Args.parse(
            args,
            Set.of("bootstrap-servers", "input", "output", "group", "parallelism", "checkpoint-ms"));
    String bootstrapServers = parsed.required("bootstrap-servers");
    int parallelism = (int) parsed.number("parallelism", 1);

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
    env.setParallelism(parallelism);
    env.enableCheckpointing(parsed.number("checkpoint-ms", 5000));
    StreamTableEnvironment tables = StreamTableEnvironment.create(env);

    tables.executeSql(
        "CREATE TABLE visits ("
            + " ip STRING, id STRING, lat STRING, lng STRING, user_agent STRING,"
            + " age_bracket STRING, opted_into_marketing BOOLEAN, http_request STRING,"
            + " http_response INT, file_size_bytes BIGINT, event_datetime STRING, event_ts BIGINT"
            + ") WITH ("
            + " 'connector' = 'kafka',"
            + " 'topic' = '" + parsed.text("input", "website-visit") + "',"
            + " 'properties.bootstrap.servers' = '" + bootstrapServers + "',"
            + " 'properties.group.id' = '" + parsed.text("group", "bench-flink-sql") + "',"
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
            + " ip STRING, id STRING, lat DOUBLE, lng DOUBLE, user_agent STRING,"
            + " age_bracket STRING, opted_into_marketing BOOLEAN, http_request STRING,"
            + " http_response INT, file_size_bytes BIGINT, event_datetime STRING, event_ts BIGINT"
            + ") WITH ("
            + " 'connector' = 'kafka',"
            + " 'topic' = '" + parsed.text("output", "website-out") + "',"
            + " 'properties.bootstrap.servers' = '" + bootstrapServers + "',"
            + " 'key.format' = 'json',"
            + " 'key.fields' = 'k_event_id;k_event_ts',"
            + " 'key.fields-prefix' = 'k_',"
            + " 'value.format' = 'json',"
            + " 'value.fields-include' = 'EXCEPT_KEY',"
            + " 'sink.delivery-guarantee' = 'at-least-once'"
            + ")");
    tables
        .executeSql(
            "INSERT INTO keyed_visits "
                + "SELECT id, event_ts, ip, id,"
                + " " + position("lat") + ", " + position("lng") + ","
                + " user_agent, age_bracket, opted_into_marketing, http_request, http_response,"
                + " file_size_bytes, event_datetime, event_ts "
                + "FROM visits "
                + "WHERE ip IS NOT NULL AND id IS NOT NULL AND user_agent IS NOT NULL"
                + " AND age_bracket IS NOT NULL AND opted_into_marketing IS NOT NULL"
                + " AND http_request IS NOT NULL AND http_response IS NOT NULL"
                + " AND file_size_bytes IS NOT NULL AND event_datetime IS NOT NULL"
                + " AND event_ts IS NOT NULL"
                + " AND " + validPosition("lat") + " AND " + validPosition("lng"))
        .await();
  }

  /** "" or missing is -1; TRY_CAST because a plain CAST of a word kills the job. */
  private static String position(String column) {
    return "CASE WHEN " + column + " IS NULL OR " + column + " = '' THEN CAST(-1 AS DOUBLE)"
        + " ELSE TRY_CAST(" + column + " AS DOUBLE) END";
  }

  private static String validPosition(String column) {
    return "(" + column + " IS NULL OR " + column + " = '' OR TRY_CAST(" + column
        + " AS DOUBLE) IS NOT NULL)";
  }
}
