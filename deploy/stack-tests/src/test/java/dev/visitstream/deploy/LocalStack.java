package dev.visitstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of deploy/stack under test: its own $STACK_DIR under target/ and its own shifted ports,
 * so that it runs beside any stack already on the machine. Every process it starts carries {@code
 * -Dvisitstream.stack=<dir>/} in its command line, which is how a failed "down" is made good.
 */
final class LocalStack {

  /** deploy/stack's default ports (STACK_PORT_OFFSET=0). */
  static final List<Integer> DEFAULT_PORTS = List.copyOf(StackSettings.load().ports().values());

  record Result(int exit, String output) {}

  final Path dir;
  final int offset;

  LocalStack(Path dir, int offset) {
    this.dir = dir;
    this.offset = offset;
  }

  /**
   * A fresh directory and an offset whose ports are all free: below Linux's ephemeral range
   * (32768+), where outgoing connections take ports at random.
   */
  static LocalStack create(String prefix, int... candidateOffsets) throws IOException {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
    for (int candidate : candidateOffsets) {
      if (DEFAULT_PORTS.stream().allMatch(port -> free(port + candidate))) {
        return new LocalStack(dir, candidate);
      }
    }
    throw new AssertionError("no STACK_PORT_OFFSET among the candidates has all its ports free");
  }

  int port(int defaultPort) {
    return defaultPort + offset;
  }

  Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  Result run(Map<String, String> settings, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(RepositoryFiles.path("deploy/stack").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("STACK_DIR", dir.toString());
    env.put("STACK_PORT_OFFSET", String.valueOf(offset));
    // the reactor builds every artifact before this module (see the pom)
    env.put("STACK_BUILD", "never");
    env.put("STACK_WAIT_SECONDS", "150");
    env.putAll(settings);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "deploy/stack " + String.join(" ", args) + " did not finish in 4 minutes:\n" + output);
    }
    System.out.printf("$ deploy/stack %s%n%s", String.join(" ", args), output);
    return new Result(process.exitValue(), output);
  }

  Result up(String... parts) throws IOException, InterruptedException {
    return up(Map.of(), parts);
  }

  /** "up" with settings of deploy/stack (e.g. PIPELINE_ARGS, PIPELINE_JAR) for this call only. */
  Result up(Map<String, String> settings, String... parts)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("up"));
    args.addAll(List.of(parts));
    Result up = run(settings, args.toArray(String[]::new));
    assertThat(up.exit()).as(up.output()).isZero();
    return up;
  }

  /**
   * "down", then kill whatever of ours survived it: a test leaves no process behind, and fails when
   * "down" did not stop everything it started.
   */
  void tearDown() throws IOException, InterruptedException {
    List<ProcessHandle> survivors;
    try {
      run("down");
    } finally {
      survivors = processes();
      survivors.forEach(ProcessHandle::destroyForcibly);
    }
    assertThat(survivors).as("processes left after down").isEmpty();
  }

  List<ProcessHandle> processes() {
    String marker = "-Dvisitstream.stack=" + dir + "/";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
        .toList();
  }

  static boolean free(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
