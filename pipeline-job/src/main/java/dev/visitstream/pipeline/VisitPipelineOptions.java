package dev.visitstream.pipeline;

import dev.visitstream.visit.VisitTopics;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The job's options, next to every Beam and Flink runner option (--runner, --jobName, --streaming,
 * --parallelism, --checkpointingInterval, --flinkMaster, ...). The runner options whose Beam
 * default does not suit this job get one from {@link LaunchDefaults} unless given.
 */
public interface VisitPipelineOptions extends FlinkPipelineOptions {

  @Description("Kafka bootstrap servers. Default: env BOOTSTRAP_SERVERS, else localhost:9092.")
  @Default.InstanceFactory(BootstrapServersFactory.class)
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("Topic of the website visits to read.")
  @Default.String(VisitTopics.VISITS)
  String getInputTopic();

  void setInputTopic(String value);

  @Description("Topic of the keyed visits: key {\"event_id\",\"event_ts\"}, value the visit JSON.")
  @Default.String(VisitTopics.OUT)
  String getOutputTopic();

  void setOutputTopic(String value);

  @Description(
      "Compute the window statistics into --statsTopic. false: website-out and website-dlq "
          + "only, with no windows, state or watermark waits.")
  @Default.Boolean(true)
  Boolean getWindowStats();

  void setWindowStats(Boolean value);

  @Description("Topic of the window statistics.")
  @Default.String(VisitTopics.STATS)
  String getStatsTopic();

  void setStatsTopic(String value);

  @Description("Topic of the records that are not valid visits (original bytes + dlq.* headers).")
  @Default.String(VisitTopics.DEAD_LETTERS)
  String getDeadLetterTopic();

  void setDeadLetterTopic(String value);

  @Description(
      "Kafka consumer group; the job commits its offsets there at every completed checkpoint.")
  @Default.String("visit-stream-pipeline")
  String getGroupId();

  void setGroupId(String value);

  @Description(
      "Where a new job starts reading: committed (the group's offsets, else the beginning), "
          + "earliest (replay everything) or latest (skip the backlog).")
  @Default.String("committed")
  String getStartFrom();

  void setStartFrom(String value);

  @Description(
      "SQL of the keyed output over PCOLLECTION (the parsed visits), instead of the built-in "
          + "keyed-output.sql. Must yield event_id, event_ts and the other fields of the visit.")
  String getSql();

  void setSql(String value);

  @Description("Path of a file holding the keyed-output SQL (see --sql).")
  String getSqlFile();

  void setSqlFile(String value);

  @Description(
      "How far event_ts may lag behind the newest event_ts of its partition and still count as "
          + "on time in the stats windows (the watermark delay).")
  @Default.Integer(5)
  Integer getMaxEventDelaySeconds();

  void setMaxEventDelaySeconds(Integer value);

  @Description(
      "How long a closed stats window still takes late events: each one re-emits the window's "
          + "rows with the new totals (same key). Later events are counted in website-out only.")
  @Default.Integer(60)
  Integer getAllowedLatenessSeconds();

  void setAllowedLatenessSeconds(Integer value);

  @Description(
      "Report KafkaIO's reader metrics (records, bytes and backlog per partition) to Flink. Off by "
          + "default: Beam's Flink runner republishes a source's metrics after every record, which "
          + "costs a large share of the job's CPU; the group's lag in Kafka shows the backlog.")
  @Default.Boolean(false)
  Boolean getKafkaReaderMetrics();

  void setKafkaReaderMetrics(Boolean value);

  @Description(
      "Write website-out and website-dlq in Kafka transactions that commit only when a checkpoint "
          + "completes: each record once, visible to read_committed readers at least one "
          + "checkpoint interval later. Needs --checkpointingMode=EXACTLY_ONCE and a checkpointing "
          + "interval; a restart must restore the job's state (savepoint or checkpoint).")
  @Default.Boolean(false)
  Boolean getExactlyOnce();

  void setExactlyOnce(Boolean value);

  @Description(
      "With --exactlyOnce: the prefix of the Kafka groups that keep each transactional writer's "
          + "progress, one group per topic (<sinkGroupId>.<topic>); also names the transactional "
          + "producers. Default: --groupId. A job started without state refuses a sink group that "
          + "an earlier run used.")
  @Default.InstanceFactory(SinkGroupIdFactory.class)
  String getSinkGroupId();

  void setSinkGroupId(String value);

  @Description(
      "With --exactlyOnce: transactional writers (shards) per topic, each with its own producer "
          + "and transactions. More than --parallelism gains nothing.")
  @Default.Integer(1)
  Integer getSinkShards();

  void setSinkShards(Integer value);

  /** The contract's env variable, so that the job is configured like every other component. */
  class BootstrapServersFactory implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      String fromEnv = System.getenv("BOOTSTRAP_SERVERS");
      return fromEnv == null || fromEnv.isBlank() ? "localhost:9092" : fromEnv;
    }
  }

  /** The sink groups follow the consumer group unless named: one name to choose per deployment. */
  class SinkGroupIdFactory implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      return options.as(VisitPipelineOptions.class).getGroupId();
    }
  }
}
