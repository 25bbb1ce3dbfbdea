package dev.visitstream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The broker of a benchmark run: the project's KRaft fixture ({@code
 * dev.visitstream.broker.KafkaBroker}) as a JVM of its own, on ports away from the local stack's,
 * with a fresh log directory, so its CPU can be told apart from the job's.
 */
final class BenchBroker implements AutoCloseable {

  private static final String CLASS_PATH_RESOURCE = "dev/visitstream/broker/broker-classpath.txt";

  private final ChildJvm jvm;
  private final String bootstrapServers;

  private BenchBroker(ChildJvm jvm, String bootstrapServers) {
    this.jvm = jvm;
    this.bootstrapServers = bootstrapServers;
  }

  static BenchBroker start(Path workDir, int port, int controllerPort, String inputTopic)
      throws InterruptedException {
    Path dataDir = workDir.resolve("broker-data");
    deleteTree(dataDir);
    ChildJvm jvm =
        ChildJvm.start(
            "kafka-broker",
            List.of("-Xms1g", "-Xmx1g", "-cp", brokerClassPath()),
            List.of(
                "dev.visitstream.broker.KafkaBroker",
                "--data-dir",
                dataDir.toString(),
                "--port",
                Integer.toString(port),
                "--controller-port",
                Integer.toString(controllerPort),
                "--topics",
                inputTopic + ":3",
                "--log-level",
                "WARN"),
            workDir.resolve("logs/kafka-broker.log"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!jvm.logTail(50).contains("kafka-broker ready")) {
      if (!jvm.alive() || System.nanoTime() > deadline) {
        jvm.close();
        throw new IllegalStateException(
            "the benchmark broker did not start (log " + jvm.log() + "):\n" + jvm.logTail(30));
      }
      Thread.sleep(200);
    }
    return new BenchBroker(jvm, "127.0.0.1:" + port);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  long pid() {
    return jvm.pid();
  }

  /**
   * Output topics, 3 partitions, stamped with the broker's append time: every variant's records are
   * timed by the same clock, whatever its producer puts into them.
   */
  static void createOutputTopics(String bootstrapServers, Collection<String> names) {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(
          new NewTopic(name, 3, (short) 1)
              .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")));
    }
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      for (var created : admin.createTopics(topics).values().entrySet()) {
        try {
          created.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("creating topic " + created.getKey() + " failed", e);
          }
        } catch (Exception e) {
          throw new IllegalStateException("creating topic " + created.getKey() + " failed", e);
        }
      }
    }
  }

  /** The fixture jar (a dependency of this module) plus the broker class path it records. */
  private static String brokerClassPath() {
    URL resource = BenchBroker.class.getClassLoader().getResource(CLASS_PATH_RESOURCE);
    if (resource == null) {
      throw new IllegalStateException(
          CLASS_PATH_RESOURCE + " is not on the class path: install deploy/kafka-broker first");
    }
    try (InputStream in = resource.openStream()) {
      String recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      String jar;
      if (resource.getProtocol().equals("jar")) {
        jar =
            Path.of(((JarURLConnection) resource.openConnection()).getJarFileURL().toURI())
                .toString();
      } else {
        // a classes directory (module built in the same reactor): its root
        Path file = Path.of(resource.toURI());
        jar = file.getParent().getParent().getParent().getParent().toString();
      }
      return jar + ":" + recorded;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    jvm.close();
  }
}
