package dev.visitstream.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One way of doing the website-out transformation that the suite times: the Beam job (the product),
 * baseline (a) the plain loop, baseline (b) native Flink SQL. A spec is a name, optionally followed
 * by extra job options after '+', e.g. {@code beam-p1+--maxBundleSize=50000}.
 */
record Variant(String spec, Kind kind, int parallelism, List<String> extraArgs) {

  enum Kind {
    /** Baseline (a): {@link PlainLoopJob}, one thread. */
    LOOP("plain KafkaConsumer -> Jackson -> KafkaProducer loop, one thread"),
    /** Baseline (b): {@link FlinkSqlJob}, no dead-letter output. */
    FLINK_SQL("native Flink 1.16.3 SQL, Kafka connector + JSON format (no DLQ)"),
    /** The pipeline-job jar, java -jar, embedded Flink. */
    BEAM("Beam pipeline-job (java -jar, embedded Flink), the product");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  /** The runner's own defaults, which LaunchDefaults replaces. */
  static final List<String> RUNNER_DEFAULTS =
      List.of(
          "--fasterCopy=false",
          "--objectReuse=false",
          "--maxBundleSize=1000",
          "--maxBundleTimeMills=1000");

  static final String DEFAULT_SPECS = "loop,flink-sql-p1,beam-p1,beam-p2";

  static List<Variant> parseAll(String specs) {
    List<Variant> variants = new ArrayList<>();
    for (String spec : specs.split(",")) {
      if (!spec.isBlank()) {
        variants.add(parse(spec.trim()));
      }
    }
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("--variants names no variant");
    }
    return variants;
  }

  static Variant parse(String spec) {
    String[] parts = spec.split("\\+");
    String name = parts[0];
    List<String> extra = new ArrayList<>(Arrays.asList(parts).subList(1, parts.length));
    switch (name) {
      case "loop":
        return new Variant(spec, Kind.LOOP, 1, extra);
      case "flink-sql-p1":
        return new Variant(spec, Kind.FLINK_SQL, 1, extra);
      case "flink-sql-p2":
        return new Variant(spec, Kind.FLINK_SQL, 2, extra);
      case "beam-p1":
        return new Variant(spec, Kind.BEAM, 1, extra);
      case "beam-p2":
        return new Variant(spec, Kind.BEAM, 2, extra);
      case "beam-p1-runner-defaults":
        List<String> defaults = new ArrayList<>(RUNNER_DEFAULTS);
        defaults.addAll(extra);
        return new Variant(spec, Kind.BEAM, 1, defaults);
      default:
        throw new IllegalArgumentException(
            "unknown variant '"
                + name
                + "'; known: loop, flink-sql-p1, flink-sql-p2, beam-p1,"
                + " beam-p2, beam-p1-runner-defaults (append +--option=value for extra options)");
    }
  }

  boolean writesDeadLetters() {
    return kind != Kind.FLINK_SQL;
  }

  /** A topic-safe id for this variant in one round. */
  String topicId(int round) {
    return spec.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", "")
        + "-r"
        + round;
  }

  /** JVM options and program arguments of the child JVM that runs this variant. */
  List<List<String>> command(
      Launch launch,
      String outputTopic,
      String deadLetterTopic,
      String statsTopic,
      String group,
      Path jfrFile) {
    List<String> jvm = new ArrayList<>(launch.commonJvmOptions());
    if (kind != Kind.LOOP) {
      jvm.addAll(launch.flinkJvmOptions());
    }
    if (jfrFile != null) {
      // Flink's chained operators make deep stacks; the default depth (64) would cut them.
      jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
      jvm.add("-XX:StartFlightRecording=filename=" + jfrFile + ",settings=profile,dumponexit=true");
    }
    List<String> program = new ArrayList<>();
    switch (kind) {
      case LOOP:
        program.addAll(
            List.of(
                "-cp",
                launch.benchClassPath(),
                PlainLoopJob.class.getName(),
                "--bootstrap-servers",
                launch.bootstrapServers(),
                "--input",
                launch.inputTopic(),
                "--output",
                outputTopic,
                "--dlq",
                deadLetterTopic,
                "--group",
                group));
        break;
      case FLINK_SQL:
        program.addAll(
            List.of(
                "-cp",
                launch.benchClassPath(),
                FlinkSqlJob.class.getName(),
                "--bootstrap-servers",
                launch.bootstrapServers(),
                "--input",
                launch.inputTopic(),
                "--output",
                outputTopic,
                "--group",
                group,
                "--parallelism",
                Integer.toString(parallelism)));
        break;
      case BEAM:
        program.addAll(
            List.of(
                "-jar",
                launch.pipelineJar().toString(),
                "--bootstrapServers=" + launch.bootstrapServers(),
                "--inputTopic=" + launch.inputTopic(),
                "--outputTopic=" + outputTopic,
                "--deadLetterTopic=" + deadLetterTopic,
                "--statsTopic=" + statsTopic,
                "--groupId=" + group,
                "--startFrom=earliest",
                "--parallelism=" + parallelism));
        if (extraArgs.stream().noneMatch(arg -> arg.startsWith("--stateBackend"))) {
          // As on the cluster (deploy/flink-cluster: hashmap + filesystem checkpoint storage). An
          // embedded Flink otherwise keeps checkpoints in the JobManager's memory, capped at 5 MB,
          // which the stats windows of a replayed backlog exceed: the checkpoint fails, the job
          // restarts and re-writes part of the input.
          program.add("--stateBackend=filesystem");
          program.add("--stateBackendStoragePath=" + launch.checkpointDirectory(group).toUri());
        }
        break;
      default:
        throw new IllegalStateException(kind.name());
    }
    program.addAll(extraArgs);
    return List.of(jvm, program);
  }

  /** What every child JVM of a run shares. */
  interface Launch {
    List<String> commonJvmOptions();

    List<String> flinkJvmOptions();

    String benchClassPath();

    Path pipelineJar();

    /** Where an embedded Flink job of this consumer group keeps its checkpoints. */
    Path checkpointDirectory(String group);

    String bootstrapServers();

    String inputTopic();
  }
}
