package dev.visitstream.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the Beam job's time goes, from a Java Flight Recorder file of one run: the CPU samples (and
 * allocation samples) inside the measured window, attributed to a pipeline step by the innermost
 * frame of the stack that belongs to one (so Jackson called by ParseVisit counts as parsing, a
 * coder called between two chained operators as copying); threads; hottest methods.
 */
final class JfrHotspots {

  /** Step, and the class name prefixes whose frames belong to it; the first matching frame wins. */
  private static final Map<String, List<String>> STEPS = steps();

  private static Map<String, List<String>> steps() {
    Map<String, List<String>> steps = new LinkedHashMap<>();
    steps.put(
        "Kafka consumer (KafkaIO read)",
        List.of(
            "org.apache.kafka.clients.consumer",
            "org.apache.beam.sdk.io.kafka.KafkaUnboundedReader",
            "org.apache.beam.sdk.io.kafka.KafkaUnboundedSource",
            "org.apache.beam.sdk.io.kafka.KafkaRecordCoder",
            "dev.visitstream.pipeline.read."));
    steps.put(
        "Kafka producer (send)",
        List.of(
            "org.apache.kafka.clients.producer",
            "org.apache.beam.sdk.io.kafka.KafkaWriter",
            "org.apache.beam.sdk.io.kafka.KafkaIO$Write"));
    steps.put(
        "Kafka client network/compression",
        List.of("org.apache.kafka.common", "net.jpountz", "com.github.luben", "org.xerial.snappy"));
    steps.put(
        "coders: element copies/serialization",
        List.of(
            "org.apache.beam.sdk.coders",
            "org.apache.beam.runners.flink.translation.types",
            "org.apache.beam.sdk.util.CoderUtils",
            "org.apache.beam.sdk.schemas.SchemaCoder",
            "org.apache.beam.sdk.coders.RowCoder"));
    steps.put("ParseVisit (Jackson -> Row)", List.of("dev.visitstream.pipeline.parse."));
    steps.put(
        "Beam SQL Calc (KeyedOutput)",
        List.of(
            "org.apache.beam.sdk.extensions.sql",
            "org.apache.beam.vendor.calcite",
            "org.codehaus.janino",
            "org.codehaus.commons",
            "dev.visitstream.pipeline.keyed.KeyedOutput"));
    steps.put(
        "encode website-out JSON",
        List.of(
            "dev.visitstream.pipeline.keyed.KeyedOutputJson",
            "dev.visitstream.pipeline.RowJson",
            "dev.visitstream.pipeline.keyed.WriteKeyedOutput"));
    steps.put(
        "window stats (SQL aggregate, state, timers)",
        List.of(
            "dev.visitstream.pipeline.stats.",
            "org.apache.beam.runners.core.ReduceFn",
            "org.apache.beam.runners.core.GroupAlsoByWindow",
            "org.apache.beam.runners.core.SystemReduceFn",
            "org.apache.beam.runners.core.WatermarkHold",
            "org.apache.beam.runners.core.TriggerStateMachine",
            "org.apache.beam.runners.core.triggers",
            "org.apache.beam.runners.flink.translation.wrappers.streaming.state",
            "org.apache.flink.runtime.state",
            "org.apache.flink.streaming.api.operators.InternalTimer",
            "org.apache.beam.sdk.transforms.windowing"));
    steps.put("dead letters", List.of("dev.visitstream.pipeline.deadletter."));
    steps.put(
        "Row / schema objects",
        List.of("org.apache.beam.sdk.values.Row", "org.apache.beam.sdk.schemas"));
    steps.put(
        "Beam metrics",
        List.of(
            "org.apache.beam.runners.core.metrics",
            "org.apache.beam.runners.flink.metrics",
            "org.apache.beam.sdk.metrics",
            "org.apache.flink.metrics",
            "org.apache.flink.runtime.metrics"));
    steps.put(
        "Beam runner / DoFn invocation",
        List.of(
            "org.apache.beam.runners",
            "org.apache.beam.sdk.transforms",
            "org.apache.beam.fn",
            "org.apache.beam.sdk.util",
            "org.apache.beam.sdk.io",
            "org.apache.beam.sdk.values"));
    steps.put("Flink runtime (network, checkpoints, mailbox)", List.of("org.apache.flink"));
    return steps;
  }

  record Profile(
      String variant,
      long samples,
      double windowSeconds,
      Map<String, Long> steps,
      Map<String, Long> threads,
      Map<String, Map<String, Long>> stepsByThread,
      Map<String, Long> topMethods,
      Map<String, Long> allocationBySteps,
      Map<String, Long> allocatedClasses,
      long allocationBytes,
      double gcSeconds,
      Path file) {

    String markdown() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              "### Profile of the Beam job (%s, Java Flight Recorder, %,d CPU samples in the %.1f s"
                  + " window)%n%n",
              variant, samples, windowSeconds));
      out.append("Recording: `")
          .append(file)
          .append("` (open it with JDK Mission Control or" + " `jfr print`).\n\n");
      out.append(
          "Time by step (the innermost frame of a step decides; share of all CPU samples of"
              + " the job's threads):\n\n| step | share |\n|---|---:|\n");
      steps.forEach(
          (step, count) ->
              out.append(
                  String.format("| %s | %.1f %% |%n", step, 100.0 * count / Math.max(1, samples))));
      out.append("\nThreads:\n\n| thread | share |\n|---|---:|\n");
      threads.forEach(
          (thread, count) ->
              out.append(
                  String.format(
                      "| %s | %.1f %% |%n", thread, 100.0 * count / Math.max(1, samples))));
      threads.forEach(
          (thread, count) -> {
            if (count * 10 < samples) {
              return;
            }
            out.append(
                String.format(
                    "%nSteps within thread `%s` (%.1f %% of all samples):%n%n"
                        + "| step | share of this thread |%n|---|---:|%n",
                    thread, 100.0 * count / samples));
            stepsByThread
                .get(thread)
                .forEach(
                    (step, n) ->
                        out.append(String.format("| %s | %.1f %% |%n", step, 100.0 * n / count)));
          });
      out.append("\nHottest methods (top frame):\n\n| method | share |\n|---|---:|\n");
      topMethods.forEach(
          (method, count) ->
              out.append(
                  String.format(
                      "| `%s` | %.1f %% |%n", method, 100.0 * count / Math.max(1, samples))));
      out.append(
          String.format(
              "%nAllocation (sampled): about %,.0f MB/s; GC pauses %.1f %% of"
                  + " the window.%n%n| allocated by step | share |%n|---|---:|%n",
              allocationBytes / 1e6 / Math.max(0.001, windowSeconds),
              100 * gcSeconds / Math.max(0.001, windowSeconds)));
      allocationBySteps.forEach(
          (step, bytes) ->
              out.append(
                  String.format(
                      "| %s | %.1f %% |%n", step, 100.0 * bytes / Math.max(1, allocationBytes))));
      out.append("\n| allocated class | share |\n|---|---:|\n");
      allocatedClasses.forEach(
          (type, bytes) ->
              out.append(
                  String.format(
                      "| `%s` | %.1f %% |%n", type, 100.0 * bytes / Math.max(1, allocationBytes))));
      return out.toString();
    }
  }

  private JfrHotspots() {}

  static Profile analyse(Path jfr, String variant, long fromMillis, long toMillis)
      throws IOException {
    Map<String, Long> steps = new LinkedHashMap<>();
    STEPS.keySet().forEach(step -> steps.put(step, 0L));
    Map<String, Long> threads = new HashMap<>();
    Map<String, Map<String, Long>> stepsByThread = new HashMap<>();
    Map<String, Long> methods = new HashMap<>();
    Map<String, Long> allocationSteps = new LinkedHashMap<>();
    Map<String, Long> allocatedClasses = new HashMap<>();
    long samples = 0;
    long allocated = 0;
    Duration gc = Duration.ZERO;
    try (RecordingFile recording = new RecordingFile(jfr)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        long at = event.getStartTime().toEpochMilli();
        if (at < fromMillis || at > toMillis) {
          continue;
        }
        String type = event.getEventType().getName();
        if (type.equals("jdk.ExecutionSample")) {
          samples++;
          RecordedStackTrace stack = event.getStackTrace();
          String step = stepOf(stack);
          steps.merge(step, 1L, Long::sum);
          RecordedThread thread = event.getThread("sampledThread");
          String group = threadGroup(thread == null ? null : thread.getJavaName());
          threads.merge(group, 1L, Long::sum);
          stepsByThread.computeIfAbsent(group, g -> new HashMap<>()).merge(step, 1L, Long::sum);
          if (stack != null && !stack.getFrames().isEmpty()) {
            RecordedFrame top = stack.getFrames().get(0);
            methods.merge(
                top.getMethod().getType().getName() + "." + top.getMethod().getName(),
                1L,
                Long::sum);
          }
        } else if (type.equals("jdk.ObjectAllocationSample")) {
          long weight = event.getLong("weight");
          allocated += weight;
          allocationSteps.merge(stepOf(event.getStackTrace()), weight, Long::sum);
          allocatedClasses.merge(event.getClass("objectClass").getName(), weight, Long::sum);
        } else if (type.equals("jdk.GarbageCollection")) {
          gc = gc.plus(event.getDuration("sumOfPauses"));
        }
      }
    }
    steps.values().removeIf(count -> count == 0);
    Map<String, Map<String, Long>> sortedStepsByThread = new HashMap<>();
    stepsByThread.forEach(
        (thread, counts) -> sortedStepsByThread.put(thread, sortedDescending(counts, 12)));
    return new Profile(
        variant,
        samples,
        (toMillis - fromMillis) / 1000.0,
        sortedDescending(steps, 30),
        sortedDescending(threads, 10),
        sortedStepsByThread,
        sortedDescending(methods, 25),
        sortedDescending(allocationSteps, 15),
        sortedDescending(allocatedClasses, 12),
        allocated,
        gc.toNanos() / 1e9,
        jfr);
  }

  static String stepOf(RecordedStackTrace stack) {
    if (stack == null) {
      return "(no stack)";
    }
    for (RecordedFrame frame : stack.getFrames()) {
      String type = frame.getMethod().getType().getName();
      for (Map.Entry<String, List<String>> step : STEPS.entrySet()) {
        for (String prefix : step.getValue()) {
          if (type.startsWith(prefix)) {
            return step.getKey();
          }
        }
      }
    }
    List<RecordedFrame> frames = stack.getFrames();
    return frames.isEmpty()
        ? "(no stack)"
        : "other: " + packageOf(frames.get(0).getMethod().getType().getName());
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className.substring(0, dot);
  }

  /** Thread names without their numbers, so that a pool counts as one. */
  private static String threadGroup(String name) {
    if (name == null) {
      return "(unknown)";
    }
    String group =
        name.replaceAll("\\(\\d+/\\d+\\)#\\d+", "(n/m)")
            .replaceAll("-\\d+$", "-N")
            .replaceAll("\\d+$", "N");
    return group.length() > 120 ? group.substring(0, 117) + "..." : group;
  }

  private static Map<String, Long> sortedDescending(Map<String, Long> counts, int limit) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    Map<String, Long> top = new LinkedHashMap<>();
    for (Map.Entry<String, Long> entry : entries.subList(0, Math.min(limit, entries.size()))) {
      top.put(entry.getKey(), entry.getValue());
    }
    return top;
  }
}
