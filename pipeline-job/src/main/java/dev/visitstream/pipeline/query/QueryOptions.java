package dev.visitstream.pipeline.query;

import dev.visitstream.pipeline.VisitPipelineOptions;
import dev.visitstream.visit.VisitTopics;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of an interactive query job ({@link QueryPipeline}), next to Beam's and the Flink
 * runner's. The dashboard's SQL workbench starts one job per query with these.
 */
public interface QueryOptions extends FlinkPipelineOptions {

  @Description(
      "The Beam SQL (Calcite) query over the tables visits and dead_letters: one SELECT (or WITH"
          + " ... SELECT), no DDL and no other statement.")
  @Validation.Required
  String getQuery();

  void setQuery(String value);

  @Description(
      "Topic that receives the query's rows (key: the row's window and group, value: its values as a JSON array).")
  String getResultTopic();

  void setResultTopic(String value);

  @Description(
      "Where the query starts reading --inputTopic: latest (only visits from now on), earliest (all"
          + " that the topic holds), or a point in time (ISO-8601 instant such as"
          + " 2026-01-31T12:00:00Z, or epoch milliseconds).")
  @Default.String("latest")
  String getStartFrom();

  void setStartFrom(String value);

  @Description("Kafka bootstrap servers. Default: env BOOTSTRAP_SERVERS, else localhost:9092.")
  @Default.InstanceFactory(VisitPipelineOptions.BootstrapServersFactory.class)
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("Topic of the website visits to read.")
  @Default.String(VisitTopics.VISITS)
  String getInputTopic();

  void setInputTopic(String value);

  @Description(
      "The query's own Kafka consumer group (never the main job's). Default: the job name.")
  String getGroupId();

  void setGroupId(String value);

  @Description(
      "How far event_ts may lag behind the newest event_ts of its partition and still count as on"
          + " time in the query's event-time windows (the watermark delay).")
  @Default.Integer(5)
  Integer getMaxEventDelaySeconds();

  void setMaxEventDelaySeconds(Integer value);

  @Description(
      "Plan the query and report the result (the tables, the result columns, Beam's plan, or the"
          + " planner's error with its position) instead of running anything. Meant for Flink REST"
          + " POST /jars/{id}/plan, which runs main() in the JobManager: see QueryCheck.")
  @Default.Boolean(false)
  Boolean getCheck();

  void setCheck(Boolean value);
}
