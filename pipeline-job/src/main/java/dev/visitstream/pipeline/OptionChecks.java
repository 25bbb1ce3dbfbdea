package dev.visitstream.pipeline;

import dev.visitstream.pipeline.read.StartFrom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.runners.flink.FlinkPipelineOptions;

/**
 * Checks the options before anything is built, so that a bad option stops the job at start with a
 * message that names it, instead of a stack trace from deep inside Kafka or Flink later on.
 */
final class OptionChecks {

  private OptionChecks() {}

  static void validate(VisitPipelineOptions options) {
    requireText("--bootstrapServers", options.getBootstrapServers());
    requireText("--groupId", options.getGroupId());

    Map<String, String> topics = new LinkedHashMap<>();
    topics.put("--inputTopic", options.getInputTopic());
    topics.put("--outputTopic", options.getOutputTopic());
    topics.put("--statsTopic", options.getStatsTopic());
    topics.put("--deadLetterTopic", options.getDeadLetterTopic());
    topics.forEach(OptionChecks::requireText);
    topics.forEach(
        (option, topic) -> {
          if (!option.equals("--inputTopic") && topic.equals(options.getInputTopic())) {
            throw new IllegalArgumentException(
                option
                    + " must differ from --inputTopic ('"
                    + topic
                    + "'): the job would read its own output");
          }
        });

    StartFrom.parse(options.getStartFrom());

    requireAtLeastZero("--maxEventDelaySeconds", options.getMaxEventDelaySeconds());
    requireAtLeastZero("--allowedLatenessSeconds", options.getAllowedLatenessSeconds());

    Long checkpointing = options.getCheckpointingInterval();
    if (checkpointing == null || checkpointing <= 0) {
      throw new IllegalArgumentException(
          "--checkpointingInterval must be more than 0 ms, got "
              + checkpointing
              + ": offsets are committed to --groupId, and with --exactlyOnce output, only when a"
              + " checkpoint completes");
    }

    if (Boolean.TRUE.equals(options.getFasterCopy())) {
      // It makes the runner's state serializer copy() a no-op, and Flink's heap state backend
      // relies on that copy while it writes a snapshot in the background: the stats stage's
      // accumulators went on changing under it (ConcurrentModificationException, checkpoints
      // holding events from after the barrier, windows counted half again after a restore).
      throw new IllegalArgumentException(
          "--fasterCopy=true is not supported: it corrupts the checkpoints of the window stats "
              + "(state is snapshotted while it is still being changed); leave it unset");
    }

    if (options.getExactlyOnce()) {
      validateExactlyOnce(options);
    }

    if (options.getSql() != null && options.getSqlFile() != null) {
      throw new IllegalArgumentException(
          "--sql and --sqlFile exclude each other: give one of them");
    }
  }

  /**
   * The transactional writers hand their input on only when a checkpoint completes: with
   * checkpoints that are not exactly-once a restore would replay records that the writers then
   * number differently.
   */
  private static void validateExactlyOnce(VisitPipelineOptions options) {
    if (!FlinkPipelineOptions.EXACTLY_ONCE.equals(options.getCheckpointingMode())) {
      throw new IllegalArgumentException(
          "--exactlyOnce=true needs --checkpointingMode="
              + FlinkPipelineOptions.EXACTLY_ONCE
              + ", got "
              + options.getCheckpointingMode()
              + ": the transactions commit at checkpoints whose state is exact");
    }
    requireText("--sinkGroupId", options.getSinkGroupId());
    if (options.getSinkShards() == null || options.getSinkShards() < 1) {
      throw new IllegalArgumentException(
          "--sinkShards must be 1 or more with --exactlyOnce=true, got " + options.getSinkShards());
    }
  }

  private static void requireText(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " must not be empty");
    }
  }

  private static void requireAtLeastZero(String option, Integer value) {
    if (value == null || value < 0) {
      throw new IllegalArgumentException(option + " must be 0 or more, got " + value);
    }
  }
}
