package dev.visitstream.dashboard.sql;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the pipeline's query command ({@code java -jar pipeline-job-standalone.jar query ...}) as a
 * short-lived process: it checks a query, or builds its job and submits the job graph to Flink. A
 * process of its own, not main() in Flink's JobManager (REST /jars/{id}/plan and /run): Beam SQL
 * keeps each class loader that planned a query alive, and a JobManager that planned the queries
 * would fill its metaspace and stop, with the main job. Nor in this service: Beam SQL and its
 * planner would make a second copy of the pipeline's dependency world here.
 */
@ApplicationScoped
public class QueryLauncher {

  /** What the process printed as its last line on standard output, or why there is none. */
  public record Outcome(String lastLine, String errorTail) {}

  private static final int ERROR_TAIL_LINES = 30;

  private final SqlConfig config;

  public QueryLauncher(SqlConfig config) {
    this.config = config;
  }

  /**
   * Runs the query command with these arguments until it prints its line (a report, or that it
   * submitted).
   */
  public Outcome launch(List<String> args) {
    Path jar = Path.of(config.queryJar());
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the pipeline jar "
              + jar.toAbsolutePath()
              + " is missing: build it (./mvnw -pl pipeline-job -am package) or set dashboard.sql.query-jar");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of(config.queryJvmOptions().split("\\s+")));
    command.add("-jar");
    command.add(jar.toString());
    command.add("query");
    command.addAll(args);
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the query command: " + e.getMessage(), e);
    }
    Deque<String> errors = new ArrayDeque<>();
    CompletableFuture<Void> stderr = CompletableFuture.runAsync(() -> tail(process, errors));
    try {
      CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> lastLine(process));
      String last = line.get(config.flinkTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new Outcome(last, errorTail(errors, stderr));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ClusterUnavailableException(
          "the query command took longer than "
              + config.flinkTimeout()
              + " (is the Flink cluster at "
              + config.flinkUrl()
              + " overloaded?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the query command failed: " + e.getCause(), e);
    } finally {
      // the job is submitted or the report printed: whatever the client still runs is not needed
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The first line that looks like JSON on standard output; null when the process ended without
   * one.
   */
  private static String lastLine(Process process) {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("{")) {
          return line;
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void tail(Process process, Deque<String> errors) {
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        synchronized (errors) {
          errors.addLast(line);
          if (errors.size() > ERROR_TAIL_LINES) {
            errors.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  private static String errorTail(Deque<String> errors, CompletableFuture<Void> stderr) {
    try {
      stderr.get(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      // what was read so far will do
    }
    synchronized (errors) {
      return String.join("\n", errors);
    }
  }
}
