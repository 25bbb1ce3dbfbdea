package dev.visitstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of one data shape of a suite run: per variant the median of its rounds, the ratios of
 * the Beam job to the baselines measured in the same run, the targets, and every single run; and
 * the report of the whole run, shapes side by side.
 */
final class ResultsReport {

  static final String BEGIN = "<!-- bench:results:begin (written by deploy/bench/run) -->";
  static final String END = "<!-- bench:results:end -->";

  /** Targets of the issue: Beam job throughput relative to the baselines. */
  static final double TARGET_VS_LOOP = 0.5;

  static final double TARGET_VS_FLINK_SQL = 1.0;

  /** One variant over its rounds. */
  record Median(
      String spec,
      Variant.Kind kind,
      int runs,
      int completeRuns,
      boolean allCorrect,
      double eventsPerSecond,
      double minEventsPerSecond,
      double maxEventsPerSecond,
      double eventsPerSecondFromStart,
      double jobCores,
      double cpuMillisPerThousand,
      long peakRssMb,
      double meanRssMb,
      double brokerCores,
      long duplicates,
      int taskFailures) {}

  private final BenchSuite.Settings settings;
  private final Preload.Input input;
  private final List<RunResult> results;
  private final JfrHotspots.Profile profile;
  private final List<Median> medians;

  /** The report of one shape: settings.shape() is the shape the results were measured on. */
  ResultsReport(
      BenchSuite.Settings settings,
      Preload.Input input,
      List<RunResult> results,
      JfrHotspots.Profile profile) {
    this.settings = settings;
    this.input = input;
    this.results = results;
    this.profile = profile;
    this.medians = medians(results);
  }

  DataShape shape() {
    return settings.shape();
  }

  Optional<JfrHotspots.Profile> profile() {
    return Optional.ofNullable(profile);
  }

  List<Median> medians() {
    return medians;
  }

  boolean allGood() {
    return results.stream().allMatch(r -> r.complete() && r.correct());
  }

  private static List<Median> medians(List<RunResult> results) {
    Map<String, List<RunResult>> bySpec = new LinkedHashMap<>();
    for (RunResult result : results) {
      bySpec.computeIfAbsent(result.variant().spec(), k -> new ArrayList<>()).add(result);
    }
    List<Median> medians = new ArrayList<>();
    bySpec.forEach(
        (spec, runs) -> {
          List<RunResult> complete =
              new ArrayList<>(runs.stream().filter(RunResult::complete).toList());
          complete.sort(Comparator.comparingDouble(RunResult::eventsPerSecond));
          Variant.Kind kind = runs.get(0).variant().kind();
          boolean correct = runs.stream().allMatch(RunResult::correct);
          if (complete.isEmpty()) {
            medians.add(
                new Median(
                    spec,
                    kind,
                    runs.size(),
                    0,
                    false,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    runs.stream().mapToInt(RunResult::taskFailures).sum()));
            return;
          }
          RunResult mid = complete.get(complete.size() / 2);
          medians.add(
              new Median(
                  spec,
                  kind,
                  runs.size(),
                  complete.size(),
                  correct,
                  mid.eventsPerSecond(),
                  complete.get(0).eventsPerSecond(),
                  complete.get(complete.size() - 1).eventsPerSecond(),
                  mid.eventsPerSecondFromStart(),
                  mid.jobCores(),
                  mid.cpuMillisPerThousandEvents(),
                  mid.jobPeakRssKb() / 1024,
                  mid.jobMeanRssKb() / 1024,
                  mid.brokerCores(),
                  runs.stream()
                      .mapToLong(r -> r.check() == null ? 0 : r.check().duplicates())
                      .sum(),
                  runs.stream().mapToInt(RunResult::taskFailures).sum()));
        });
    return medians;
  }

  Optional<Median> find(String spec) {
    return medians.stream().filter(m -> m.spec().equals(spec) && m.completeRuns() > 0).findFirst();
  }

  Optional<Median> loop() {
    return find("loop");
  }

  /** The Flink SQL baseline of a Beam variant: at its parallelism if measured, else at 1. */
  Optional<Median> flinkSqlFor(Median beam) {
    int parallelism = Variant.parse(beam.spec()).parallelism();
    return find("flink-sql-p" + parallelism)
        .or(() -> find("flink-sql-p1"))
        .or(() -> find("flink-sql-p2"));
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| variant | events/s (median) | min-max over rounds | events/s from JVM start"
            + " | vs loop (a) | job CPU cores | CPU ms / 1k events | peak RSS MB | broker cores"
            + " | output checked |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Median m : medians) {
      if (m.completeRuns() == 0) {
        out.append(
            m.taskFailures() > 0
                ? String.format(
                    "| %s | invalid: the job failed over %d time(s) in %d run(s) and"
                        + " re-wrote input (see the log above) | | | | | | | | NO |%n",
                    m.spec(), m.taskFailures(), m.runs())
                : String.format(
                    "| %s | did not finish (%d runs) | | | | | | | | |%n", m.spec(), m.runs()));
        continue;
      }
      out.append(
          String.format(
              "| %s | %,.0f | %,.0f-%,.0f | %,.0f | %s | %.2f | %.0f | %,d | %.2f | %s |%n",
              m.spec(),
              m.eventsPerSecond(),
              m.minEventsPerSecond(),
              m.maxEventsPerSecond(),
              m.eventsPerSecondFromStart(),
              loop()
                  .map(l -> String.format("%.2f", m.eventsPerSecond() / l.eventsPerSecond()))
                  .orElse("-"),
              m.jobCores(),
              m.cpuMillisPerThousand(),
              m.peakRssMb(),
              m.brokerCores(),
              (!settings.check() ? "not checked" : m.allCorrect() ? "yes" : "NO")
                  + (m.duplicates() > 0 ? String.format(", %,d duplicates", m.duplicates()) : "")
                  + (m.taskFailures() > 0 ? ", " + m.taskFailures() + " task failures" : "")));
    }
    return out.toString();
  }

  String ratios() {
    StringBuilder out = new StringBuilder();
    for (Median beam : medians) {
      if (beam.kind() != Variant.Kind.BEAM || beam.completeRuns() == 0) {
        continue;
      }
      loop().ifPresent(l -> out.append(ratioLine(beam, l, "(a) loop", TARGET_VS_LOOP)));
      flinkSqlFor(beam)
          .ifPresent(f -> out.append(ratioLine(beam, f, "(b) " + f.spec(), TARGET_VS_FLINK_SQL)));
    }
    return out.toString();
  }

  private static String ratioLine(Median beam, Median baseline, String name, double target) {
    double throughput = beam.eventsPerSecond() / baseline.eventsPerSecond();
    double cost = baseline.cpuMillisPerThousand() / beam.cpuMillisPerThousand();
    return String.format(
        "- %s / %s: throughput %.2f (target >= %.1f: %s), CPU efficiency %.2f%n",
        beam.spec(), name, throughput, target, throughput >= target ? "met" : "NOT met", cost);
  }

  /** The report of a whole run: what ran where, the shapes side by side, then each in full. */
  static String markdown(
      BenchSuite.Settings settings,
      String machine,
      String started,
      String loadBefore,
      String loadAfter,
      List<ResultsReport> shapes) {
    StringBuilder out = new StringBuilder();
    out.append(BEGIN).append("\n");
    out.append("## Latest run: ").append(started).append("\n\n");
    out.append("- Command: `").append(settings.command()).append("`\n");
    out.append("- Machine: ").append(machine).append("\n");
    out.append("- Load average (1/5/15 min): before ")
        .append(loadBefore)
        .append(", after ")
        .append(loadAfter)
        .append(" (other work on the machine shares its cores)\n");
    out.append(
        String.format(
            "- Input: %,d events per shape in `website-visit` (3 partitions, lz4), %,d malformed"
                + " (-> DLQ), %.0f %% of the users without position; preloaded, each variant"
                + " reads it from the earliest offset into topics of its own%n",
            settings.events(),
            shapes.get(0).input.malformed(),
            settings.emptyLocationShare() * 100));
    out.append("- Rounds: ")
        .append(settings.rounds())
        .append(" (variants interleaved in each round; medians below)\n");
    out.append("- Job JVMs: `-Xmx")
        .append(settings.childHeap())
        .append(
            "`, each a separate process; Flink ones with the Java 17 flags Flink 1.16 needs;"
                + " checkpoints every 5 s in both Flink jobs (Beam: hashmap state, file-system"
                + " checkpoint storage as on the cluster)\n\n");
    out.append(
        "events/s = input events / (broker append time of the last output record - of the"
            + " first); CPU and RSS of the job process from /proc over that window.\n\n");
    if (shapes.size() > 1) {
      out.append(summary(shapes)).append("\n");
    }
    out.append("![throughput per variant](throughput.svg)\n\n");
    out.append("Variants:\n\n");
    shapes.get(0).medians.stream()
        .map(Median::spec)
        .distinct()
        .forEach(
            spec -> {
              Variant v = Variant.parse(spec);
              out.append("- `")
                  .append(spec)
                  .append("`: ")
                  .append(v.kind().description)
                  .append(", parallelism ")
                  .append(v.parallelism())
                  .append(
                      v.extraArgs().isEmpty() ? "" : ", options " + String.join(" ", v.extraArgs()))
                  .append("\n");
            });
    for (ResultsReport shape : shapes) {
      out.append("\n").append(shape.section(shapes.size() > 1));
    }
    out.append(END).append("\n");
    return out.toString();
  }

  /** One row per shape: every variant's events/s, the Beam variants' ratios and CPU per event. */
  static String summary(List<ResultsReport> shapes) {
    List<String> specs = shapes.get(0).medians.stream().map(Median::spec).toList();
    List<String> beams =
        shapes.get(0).medians.stream()
            .filter(m -> m.kind() == Variant.Kind.BEAM)
            .map(Median::spec)
            .toList();
    StringBuilder out = new StringBuilder("Every shape side by side (events/s, medians):\n\n");
    out.append("| shape (options) |");
    specs.forEach(spec -> out.append(" ").append(spec).append(" |"));
    beams.forEach(
        spec ->
            out.append(" ")
                .append(spec)
                .append(" / loop | ")
                .append(spec)
                .append(" / Flink SQL |"));
    out.append(" CPU ms / 1k events (").append(String.join(", ", specs)).append(") |\n|---|");
    out.append("---:|".repeat(specs.size() + 2 * beams.size())).append("---|\n");
    for (ResultsReport shape : shapes) {
      out.append("| ")
          .append(shape.shape().label())
          .append(" (`")
          .append(shape.shape().options())
          .append("`) |");
      for (String spec : specs) {
        out.append(
            shape
                .find(spec)
                .map(m -> String.format(" %,.0f |", m.eventsPerSecond()))
                .orElse(" - |"));
      }
      for (String spec : beams) {
        Optional<Median> beam = shape.find(spec);
        out.append(ratioCell(beam, shape.loop()));
        out.append(ratioCell(beam, beam.flatMap(shape::flinkSqlFor)));
      }
      List<String> cpu = new ArrayList<>();
      for (String spec : specs) {
        cpu.add(
            shape.find(spec).map(m -> String.format("%.0f", m.cpuMillisPerThousand())).orElse("-"));
      }
      out.append(" ").append(String.join(", ", cpu)).append(" |\n");
    }
    return out.toString();
  }

  private static String ratioCell(Optional<Median> beam, Optional<Median> baseline) {
    if (beam.isEmpty() || baseline.isEmpty()) {
      return " - |";
    }
    return String.format(
        " %.2f |", beam.get().eventsPerSecond() / baseline.get().eventsPerSecond());
  }

  /** This shape in full: its input, medians, ratios, every run and, if taken, the profile. */
  String section(boolean headed) {
    StringBuilder out = new StringBuilder();
    if (headed) {
      out.append("### Shape: ").append(shape().label()).append("\n\n");
    }
    out.append(
        String.format(
            "Input: %,d events, %.0f B per value on average, %,d malformed, %,d users,"
                + " %,d visits per second of event time, %s.%n%n",
            input.events(),
            input.meanValueBytes(),
            input.malformed(),
            shape().users(),
            shape().eventsPerSecond(),
            shape().lateShare() > 0
                ? shape().latePercent() + " % late by " + shape().lateBySeconds() + " s"
                : "none late"));
    out.append(table()).append("\n");
    out.append(
        "Ratios measured side by side in this run (CPU efficiency = baseline CPU per event"
            + " / Beam CPU per event):\n\n");
    out.append(ratios()).append("\n");
    out.append("Every run:\n\n");
    out.append(
        "| variant | round | events/s | window s | job cores | peak RSS MB | load at start"
            + " | result |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (RunResult r : results) {
      out.append(
          String.format(
              "| %s | %d | %,.0f | %.1f | %.2f | %,d | %.2f | %s |%n",
              r.variant().spec(),
              r.round(),
              r.complete() ? r.eventsPerSecond() : 0,
              r.windowMillis() / 1000.0,
              r.jobCores(),
              r.jobPeakRssKb() / 1024,
              r.loadAverageAtStart(),
              r.taskFailures() > 0
                  ? "job failed over ("
                      + r.taskFailures()
                      + " failures in its log):"
                      + " rate not valid"
                      + (r.check() == null ? "" : "; " + r.check().summary())
                  : !r.complete()
                      ? "incomplete: " + r.outcome().failure()
                      : r.check() == null
                          ? "complete"
                          : (r.correct() ? "checked: " : "WRONG: ") + r.check().summary()));
    }
    if (profile != null) {
      out.append("\n").append(profile.markdown());
    }
    return out.toString();
  }

  /** Replaces the generated part of RESULTS.md, keeping the hand-written analysis around it. */
  static void publish(Path file, String generated) throws IOException {
    String text;
    if (Files.exists(file)) {
      String old = Files.readString(file);
      int begin = old.indexOf(BEGIN);
      int end = old.indexOf(END);
      text =
          begin >= 0 && end > begin
              ? old.substring(0, begin)
                  + generated
                  + old.substring(end + END.length()).replaceFirst("^\n", "")
              : old + "\n" + generated;
    } else {
      text = "# visit-stream benchmark results\n\n" + generated;
    }
    Files.writeString(file, text);
  }
}
