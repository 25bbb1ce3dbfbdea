package dev.visitstream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The test broker's side of {@link TestKafka}: runs inside the broker's own class loader. */
public final class IsolatedBroker {

  private IsolatedBroker() {}

  /** Starts a broker on free ports in a temporary folder, removed again when the JVM exits. */
  public static String start() throws IOException {
    BrokerLogging.configure(System.getProperty("visitstream.test.kafka.log-level", "WARN"));
    Path dataDir = Files.createTempDirectory("visit-stream-test-kafka");
    KafkaBroker broker;
    // Both sockets held at once, so the broker and controller ports differ.
    try (ServerSocket brokerPort = new ServerSocket(0);
        ServerSocket controllerPort = new ServerSocket(0)) {
      brokerPort.close();
      controllerPort.close();
      broker =
          KafkaBroker.start(
              BrokerSettings.local(
                  brokerPort.getLocalPort(), controllerPort.getLocalPort(), dataDir));
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  deleteRecursively(dataDir);
                },
                "test-kafka-shutdown"));
    return broker.bootstrapServers();
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
