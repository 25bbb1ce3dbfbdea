package dev.visitstream.bench;

import dev.visitstream.visit.VisitTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The pipeline throughput benchmark: one real broker, one preloaded input, and every variant run
 * from the earliest offset in turn, in its own JVM, rounds interleaved so that a noisy neighbour
 * hurts all variants alike. Prints a table with the ratios of the same run and writes RESULTS.md
 * and throughput.svg. See deploy/bench/run --help.
 */
public final class BenchSuite {

  static final String INPUT_TOPIC = VisitTopics.VISITS;

  private static final Set<String> OPTIONS =
      Set.of(
          "events",
          "malformed-share",
          "empty-location-share",
          "users",
          "events-per-second",
          "late-share",
          "late-by-seconds",
          "shapes",
          "seed",
          "variants",
          "rounds",
          "pipeline-jar",
          "work-dir",
          "results-dir",
          "broker-port",
          "controller-port",
          "child-heap",
          "stall-seconds",
          "profile",
          "check",
          "publish",
          "help",
          "command");

  private BenchSuite() {}

  public static void main(String[] args) throws Exception {
    Args parsed;
    try {
      parsed = Args.parse(args, OPTIONS);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    if (parsed.flag("help")) {
      System.out.println(usage());
      return;
    }
    Settings settings = Settings.from(parsed);
    int exit = run(settings);
    System.exit(exit);
  }

  static String usage() {
    return String.join(
        "\n",
        "deploy/bench/run [options]   (the suite; nothing of it runs in ./mvnw verify)",
        "  --events N               input events, preloaded once (default 500000)",
        "  --malformed-share S      share of records that are not visits -> DLQ (default 0.01)",
        "  --empty-location-share S share of users with lat/lng \"\" (default 0.05)",
        "  --users N                distinct users the visits come from (default 1000)",
        "  --events-per-second N    visits per second of event time, 1 to 1000 (default 1000);",
        "                           few make sparse data: an input bundle spans many windows",
        "  --late-share S           share of visits with an event_ts from the past (default 0)",
        "  --late-by-seconds T      how far in the past a late visit's event_ts is (default 30)",
        "  --shapes all             every data shape of the suite in turn, each on an input of its",
        "                           own (1,000, 50 and 5 visits/s; 100, 1,000 and 100,000 users;",
        "                           10 % late): one report with the shapes side by side",
        "  --variants LIST          comma separated, run in this order each round (default "
            + Variant.DEFAULT_SPECS
            + ");",
        "                           known: loop, flink-sql-p1, flink-sql-p2, beam-p1, beam-p2,",
        "                           beam-p1-runner-defaults; append +--jobOption=value for more",
        "  --rounds R               rounds; the table shows each variant's median (default 1)",
        "  --profile true|VARIANT   one more run of beam-p1 (or of VARIANT, e.g.",
        "                           beam-p1+--windowStats=false) with Java Flight Recorder: hot spots",
        "  --pipeline-jar PATH      default pipeline-job/target/pipeline-job-standalone.jar",
        "  --broker-port P          default 39392 (controller 39393): away from the stack and tests",
        "  --child-heap SIZE        -Xmx of every job JVM (default 2g)",
        "  --stall-seconds S        give a variant up after S s without new output (default 90)",
        "  --check false            skip reading back and checking every output record",
        "  --publish false          do not write deploy/bench/RESULTS.md and throughput.svg",
        "  --work-dir DIR           logs, broker data, JFR files (default deploy/bench/target/bench)");
  }

  record Settings(
      long events,
      double malformedShare,
      double emptyLocationShare,
      DataShape shape,
      boolean allShapes,
      long seed,
      List<Variant> variants,
      int rounds,
      Path pipelineJar,
      Path workDir,
      Path moduleDir,
      int brokerPort,
      int controllerPort,
      String childHeap,
      int stallSeconds,
      Variant profile,
      boolean check,
      boolean publish,
      String command) {

    static Settings from(Args args) {
      Path moduleDir = Path.of(System.getProperty("bench.dir", ".")).toAbsolutePath().normalize();
      Path repo = moduleDir.getParent().getParent();
      long events = args.number("events", 500_000);
      if (events < 1) {
        throw new IllegalArgumentException("--events must be at least 1");
      }
      double malformed = args.decimal("malformed-share", 0.01);
      double emptyLocation = args.decimal("empty-location-share", 0.05);
      if (malformed < 0 || malformed > 1 || emptyLocation < 0 || emptyLocation > 1) {
        throw new IllegalArgumentException("shares must lie between 0 and 1");
      }
      DataShape shape =
          new DataShape(
              (int) args.number("events-per-second", DataShape.DEFAULT.eventsPerSecond()),
              (int) args.number("users", DataShape.DEFAULT.users()),
              args.decimal("late-share", DataShape.DEFAULT.lateShare()),
              (int) args.number("late-by-seconds", DataShape.DEFAULT.lateBySeconds()));
      String shapes = args.text("shapes", "given");
      if (!shapes.equals("all") && !shapes.equals("given")) {
        throw new IllegalArgumentException("--shapes takes all (or leave it out)");
      }
      String jar = args.text("pipeline-jar", null);
      return new Settings(
          events,
          malformed,
          emptyLocation,
          shape,
          shapes.equals("all"),
          args.number("seed", 42),
          Variant.parseAll(args.text("variants", Variant.DEFAULT_SPECS)),
          (int) Math.max(1, args.number("rounds", 1)),
          jar != null ? Path.of(jar).toAbsolutePath() : defaultPipelineJar(repo),
          Path.of(args.text("work-dir", moduleDir.resolve("target/bench").toString()))
              .toAbsolutePath(),
          moduleDir,
          (int) args.number("broker-port", 39392),
          (int) args.number("controller-port", 39393),
          args.text("child-heap", "2g"),
          (int) args.number("stall-seconds", 90),
          profiled(args.text("profile", "false")),
          !args.text("check", "true").equals("false"),
          !args.text("publish", "true").equals("false"),
          args.text("command", "deploy/bench/run"));
    }

    private static Variant profiled(String profile) {
      if (profile.equals("false")) {
        return null;
      }
      return Variant.parse(profile.equals("true") ? "beam-p1" : profile);
    }

    private static Path defaultPipelineJar(Path repo) {
      Path target = repo.resolve("pipeline-job/target");
      Path named = target.resolve("pipeline-job-standalone.jar");
      if (Files.exists(named)) {
        return named;
      }
      try (Stream<Path> files = Files.list(target)) {
        return files
            .filter(p -> p.getFileName().toString().endsWith("standalone.jar"))
            .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
            .orElse(named);
      } catch (IOException e) {
        return named;
      }
    }

    Settings withPipelineJar(Path jar) {
      return with(shape, jar);
    }

    Settings withShape(DataShape shape) {
      return with(shape, pipelineJar);
    }

    private Settings with(DataShape shape, Path jar) {
      return new Settings(
          events,
          malformedShare,
          emptyLocationShare,
          shape,
          allShapes,
          seed,
          variants,
          rounds,
          jar,
          workDir,
          moduleDir,
          brokerPort,
          controllerPort,
          childHeap,
          stallSeconds,
          profile,
          check,
          publish,
          command);
    }

    /** The job JVMs' temporary directory, emptied at every start of the suite. */
    Path childTmpDir() {
      return workDir.resolve("tmp");
    }

    boolean needsPipelineJar() {
      return profile != null || variants.stream().anyMatch(v -> v.kind() == Variant.Kind.BEAM);
    }
  }

  static int run(Settings settings) throws Exception {
    if (settings.needsPipelineJar() && !Files.exists(settings.pipelineJar())) {
      System.err.println(
          "bench: the Beam job jar "
              + settings.pipelineJar()
              + " is missing: build it"
              + " with ./mvnw -q -pl pipeline-job -am -DskipTests package, or pass --pipeline-jar");
      return 2;
    }
    Files.createDirectories(settings.workDir());
    BenchBroker.deleteTree(settings.childTmpDir());
    Files.createDirectories(settings.childTmpDir());
    if (settings.needsPipelineJar()) {
      // A copy: the jar may be rebuilt while the suite runs (java -jar reads it lazily).
      Path copy = settings.workDir().resolve("pipeline-job-standalone.jar");
      Files.copy(settings.pipelineJar(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      System.out.println(
          "Beam job jar: "
              + settings.pipelineJar()
              + " (built "
              + Files.getLastModifiedTime(settings.pipelineJar())
              + "), run from a copy");
      settings = settings.withPipelineJar(copy);
    }
    String machine = Machine.describe();
    String loadBefore = Machine.loadText();
    String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    System.out.println("visit-stream benchmark, " + started);
    System.out.println("machine: " + machine);
    System.out.println("load average (1/5/15 min) before: " + loadBefore);

    List<ResultsReport> shapes = new ArrayList<>();
    for (DataShape shape : settings.allShapes() ? DataShape.SUITE : List.of(settings.shape())) {
      shapes.add(runShape(settings.withShape(shape)));
    }
    String loadAfter = Machine.loadText();
    System.out.println("load average (1/5/15 min) after: " + loadAfter);

    String markdown =
        ResultsReport.markdown(settings, machine, started, loadBefore, loadAfter, shapes);
    for (ResultsReport shape : shapes) {
      System.out.println();
      System.out.println("Shape: " + shape.shape().label());
      System.out.println(shape.table());
      System.out.println(shape.ratios());
      shape.profile().ifPresent(profile -> System.out.println(profile.markdown()));
    }
    String svg =
        ThroughputChart.svg(
            shapes.stream()
                .map(
                    shape ->
                        new ThroughputChart.Block(
                            shapes.size() > 1 ? shape.shape().label() : null, shape.medians()))
                .toList());
    Path runDir = settings.workDir().resolve("results");
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve("RESULTS.md"), markdown);
    Files.writeString(runDir.resolve("throughput.svg"), svg);
    if (settings.publish()) {
      ResultsReport.publish(settings.moduleDir().resolve("RESULTS.md"), markdown);
      Files.writeString(settings.moduleDir().resolve("throughput.svg"), svg);
      System.out.println(
          "written: "
              + settings.moduleDir().resolve("RESULTS.md")
              + ", "
              + settings.moduleDir().resolve("throughput.svg"));
    } else {
      System.out.println("written: " + runDir);
    }
    return shapes.stream().allMatch(ResultsReport::allGood) ? 0 : 1;
  }

  /**
   * Every variant, round after round, on an input of the settings' shape in a broker of its own.
   */
  private static ResultsReport runShape(Settings settings) throws Exception {
    DataShape shape = settings.shape();
    List<RunResult> results = new ArrayList<>();
    JfrHotspots.Profile profile = null;
    Preload.Input input;
    try (BenchBroker broker =
            BenchBroker.start(
                settings.workDir(), settings.brokerPort(), settings.controllerPort(), INPUT_TOPIC);
        ProcessSampler brokerCpu = new ProcessSampler(broker.pid())) {
      System.out.printf(
          "preloading %,d events (%s) into %s ...%n",
          settings.events(), shape.label(), INPUT_TOPIC);
      long preloadStart = System.nanoTime();
      input =
          Preload.fill(
              broker.bootstrapServers(),
              INPUT_TOPIC,
              settings.events(),
              settings.malformedShare(),
              settings.emptyLocationShare(),
              shape.users(),
              shape.eventsPerSecond(),
              shape.lateShare(),
              shape.lateBySeconds(),
              settings.seed());
      System.out.printf(
          "  %,d events (%,d malformed), %.0f B per value on average, in %.1f s%n",
          input.events(),
          input.malformed(),
          input.meanValueBytes(),
          (System.nanoTime() - preloadStart) / 1e9);

      VariantRunner runner = new VariantRunner(settings, broker, brokerCpu, input);
      for (int round = 1; round <= settings.rounds(); round++) {
        for (Variant variant : settings.variants()) {
          results.add(runner.run(variant, round, null));
        }
      }
      try (var consumer = OutputWatch.consumer(broker.bootstrapServers())) {
        long held =
            consumer.endOffsets(OutputWatch.partitions(consumer, INPUT_TOPIC)).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        if (held != input.events()) {
          System.out.println(
              "WARNING: "
                  + INPUT_TOPIC
                  + " now holds "
                  + held
                  + " records, not "
                  + input.events()
                  + ": another program writes to this broker; results are suspect");
        }
      }
      if (settings.profile() != null) {
        Path jfr =
            settings
                .workDir()
                .resolve("profile-" + shape.label().replaceAll("[^0-9a-z]+", "-") + ".jfr");
        RunResult profiled = runner.run(settings.profile(), 0, jfr);
        if (Files.exists(jfr)) {
          profile =
              JfrHotspots.analyse(
                  jfr,
                  settings.profile().spec(),
                  profiled.outcome().firstAppendMillis(),
                  profiled.outcome().lastAppendMillis());
        }
      }
    }
    return new ResultsReport(settings, input, results, profile);
  }

  /** Runs one variant against the preloaded input and measures it. */
  static final class VariantRunner implements Variant.Launch {
    private final Settings settings;
    private final BenchBroker broker;
    private final ProcessSampler brokerCpu;
    private final Preload.Input input;
    private int runs;

    VariantRunner(
        Settings settings, BenchBroker broker, ProcessSampler brokerCpu, Preload.Input input) {
      this.settings = settings;
      this.broker = broker;
      this.brokerCpu = brokerCpu;
      this.input = input;
    }

    RunResult run(Variant variant, int round, Path jfr) throws Exception {
      String id = variant.topicId(round) + "-" + (++runs) + (jfr != null ? "-jfr" : "");
      String output = VisitTopics.OUT + "-" + id;
      String deadLetters = VisitTopics.DEAD_LETTERS + "-" + id;
      String stats = VisitTopics.STATS + "-" + id;
      BenchBroker.createOutputTopics(
          broker.bootstrapServers(), List.of(output, deadLetters, stats));
      double load = Machine.loadAverages()[0];
      System.out.printf(
          "%s (round %d%s), load %.2f%n",
          variant.spec(), round, jfr != null ? ", profiled" : "", load);
      List<List<String>> command =
          variant.command(this, output, deadLetters, stats, "bench-" + id, jfr);
      long expectedDeadLetters = variant.writesDeadLetters() ? input.malformed() : 0;
      OutputWatch.Outcome outcome;
      ChildJvm job =
          ChildJvm.start(
              id,
              command.get(0),
              command.get(1),
              settings.workDir().resolve("logs/" + id + ".log"));
      double jobCpu;
      double brokerCpuSeconds;
      long peakRss;
      double meanRss;
      try (ProcessSampler jobSampler = new ProcessSampler(job.pid())) {
        outcome =
            OutputWatch.await(
                broker.bootstrapServers(),
                output,
                deadLetters,
                input.valid(),
                expectedDeadLetters,
                new OutputWatch.Limits(
                    Duration.ofSeconds(180),
                    Duration.ofSeconds(settings.stallSeconds()),
                    Duration.ofSeconds(600 + input.events() / 1_000)),
                job::alive,
                variant.spec());
        // the last samples must cover the window's end
        Thread.sleep(400);
        long from = outcome.firstAppendMillis();
        long to = outcome.lastAppendMillis();
        jobCpu = jobSampler.cpuSecondsBetween(from, to);
        brokerCpuSeconds = brokerCpu.cpuSecondsBetween(from, to);
        peakRss = jobSampler.peakRssKb();
        meanRss = jobSampler.meanRssKbBetween(from, to);
        if (jfr != null) {
          dumpRecording(job.pid(), jfr);
        }
      } finally {
        job.close();
      }
      if (!outcome.complete()) {
        System.out.println(
            "    INCOMPLETE: "
                + outcome.failure()
                + "; log "
                + job.log()
                + ":\n"
                + job.logTail(15));
      }
      OutputCheck.Report check = null;
      boolean correct = outcome.complete();
      if (settings.check()) {
        check = OutputCheck.read(broker.bootstrapServers(), output, deadLetters);
        correct = correct && check.matches(input, variant.writesDeadLetters());
        System.out.println(
            "    check: " + check.summary() + (correct ? "" : "  <-- NOT AS EXPECTED"));
        if (check.example() != null) {
          System.out.println("    a bad output: " + check.example());
        }
      }
      int failures = job.countLogLines(JOB_FAILURE_MARKERS);
      if (failures > 0) {
        System.out.println(
            "    "
                + failures
                + " Flink task or checkpoint failure(s) in "
                + job.log()
                + ": the job restarted, re-read and re-wrote part of the input; not a valid measurement");
      }
      RunResult result =
          new RunResult(
              variant,
              round,
              input.events(),
              outcome,
              job.startedAtMillis(),
              jobCpu,
              peakRss,
              meanRss,
              brokerCpuSeconds,
              load,
              check,
              correct,
              failures);
      if (outcome.outputRecords() + outcome.deadLetterRecords() == 0) {
        TimeUnit.SECONDS.sleep(3);
        return result;
      }
      System.out.printf(
          "    %,.0f events/s (first to last output, %.1f s), %,.0f events/s from JVM start;"
              + " job %.2f cores, %.0f CPU ms per 1k events, peak RSS %,d MB; broker %.2f cores%n",
          result.eventsPerSecond(),
          result.windowMillis() / 1000.0,
          result.eventsPerSecondFromStart(),
          result.jobCores(),
          result.cpuMillisPerThousandEvents(),
          peakRss / 1024,
          result.brokerCores());
      // let the stopped JVM's memory and the broker settle before the next variant
      TimeUnit.SECONDS.sleep(3);
      return result;
    }

    private static void dumpRecording(long pid, Path jfr) {
      try {
        Process jcmd =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid),
                    "JFR.dump",
                    "filename=" + jfr)
                .redirectErrorStream(true)
                .start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
          jcmd.destroyForcibly();
        }
      } catch (IOException e) {
        System.out.println("    jcmd JFR.dump failed: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public List<String> commonJvmOptions() {
      return List.of(
          "-Xmx" + settings.childHeap(),
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          // Embedded Flink unpacks its RPC and planner jars (tens of MB) into the temporary
          // directory and removes them only on a clean shutdown, which a timed job never gets.
          "-Djava.io.tmpdir=" + settings.childTmpDir());
    }

    @Override
    public List<String> flinkJvmOptions() {
      return FLINK_JAVA17_OPTIONS;
    }

    @Override
    public String benchClassPath() {
      return System.getProperty("java.class.path");
    }

    @Override
    public Path pipelineJar() {
      return settings.pipelineJar();
    }

    @Override
    public Path checkpointDirectory(String group) {
      return settings.workDir().resolve("checkpoints").resolve(group);
    }

    @Override
    public String bootstrapServers() {
      return broker.bootstrapServers();
    }

    @Override
    public String inputTopic() {
      return INPUT_TOPIC;
    }
  }

  /** Log lines of an embedded Flink job that failed over (its sources rewind: duplicates). */
  static final List<String> JOB_FAILURE_MARKERS =
      List.of(
          "switched from RUNNING to FAILED",
          "Could not materialize checkpoint",
          "Exceeded checkpoint tolerable failure");

  /** Flink 1.16 on Java 17 needs these, for every embedded Flink: the SQL baseline and Beam. */
  static final List<String> FLINK_JAVA17_OPTIONS = flinkOptions();

  private static List<String> flinkOptions() {
    List<String> options = new ArrayList<>();
    options.add("-XX:+IgnoreUnrecognizedVMOptions");
    for (String export :
        List.of(
            "java.base/sun.net.util",
            "java.management/sun.management",
            "java.rmi/sun.rmi.registry",
            "java.security.jgss/sun.security.krb5")) {
      options.add("--add-exports=" + export + "=ALL-UNNAMED");
    }
    for (String open :
        List.of(
            "java.lang",
            "java.net",
            "java.io",
            "java.nio",
            "sun.nio.ch",
            "java.lang.reflect",
            "java.text",
            "java.time",
            "java.util",
            "java.util.concurrent",
            "java.util.concurrent.atomic",
            "java.util.concurrent.locks")) {
      options.add("--add-opens=java.base/" + open + "=ALL-UNNAMED");
    }
    return options;
  }
}
