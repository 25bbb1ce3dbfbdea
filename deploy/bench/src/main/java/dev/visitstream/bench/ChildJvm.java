package dev.visitstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the suite starts (broker, job under test), its output in a log file. Separate JVMs let the
 * suite read each one's CPU and memory from /proc, and keep the jobs' class paths apart.
 */
final class ChildJvm implements AutoCloseable {

  private final String name;
  private final Process process;
  private final long startedAtMillis;
  private final Path log;

  private ChildJvm(String name, Process process, long startedAtMillis, Path log) {
    this.name = name;
    this.process = process;
    this.startedAtMillis = startedAtMillis;
    this.log = log;
  }

  static ChildJvm start(
      String name, List<String> jvmOptions, List<String> programAndArgs, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(programAndArgs);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, String.join(" ", command) + System.lineSeparator());
      long startedAt = System.currentTimeMillis();
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      ChildJvm child = new ChildJvm(name, process, startedAt, log);
      Runtime.getRuntime().addShutdownHook(new Thread(child::close));
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  long pid() {
    return process.pid();
  }

  long startedAtMillis() {
    return startedAtMillis;
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  String name() {
    return name;
  }

  /** The last lines of the log, for a failure message. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** Lines of the log that hold any of the texts. */
  int countLogLines(List<String> texts) {
    try (var lines = Files.lines(log)) {
      return (int) lines.filter(line -> texts.stream().anyMatch(line::contains)).count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /** SIGTERM, then SIGKILL after 15 s; only this process, which the suite started. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
