package dev.visitstream.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka broker (broker and controller in one process), the same one for the
 * local stack ({@link #main}), the benchmarks and the tests (the test-kafka module starts it).
 */
public final class KafkaBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats {@code dataDir} if it is new (an existing log is kept, so a restart keeps its topics)
   * and starts the broker. Fails with a message naming the port when one is taken.
   */
  public static KafkaBroker start(BrokerSettings settings) throws IOException {
    for (int port : List.of(settings.port(), settings.controllerPort())) {
      requirePortFree(settings.host(), port);
    }
    Files.createDirectories(settings.dataDir());
    Path config = settings.dataDir().resolve("server.properties");
    Properties properties = settings.toProperties();
    try (Writer out = Files.newBufferedWriter(config)) {
      properties.store(out, "written by dev.visitstream.broker.KafkaBroker");
    }
    format(settings, config);
    KafkaRaftServer server =
        new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    server.startup();
    return new KafkaBroker(server, settings.advertisedHost() + ":" + settings.port());
  }

  private static void format(BrokerSettings settings, Path config) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String[] args = {
      "format",
      "--cluster-id",
      settings.clusterId(),
      "--config",
      config.toString(),
      "--ignore-formatted"
    };
    int exit = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
    if (exit != 0) {
      throw new IllegalStateException(
          "formatting the Kafka log directory "
              + settings.dataDir()
              + " failed: "
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  private static void requirePortFree(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "port "
              + port
              + " on "
              + host
              + " is already in use: stop what listens there or choose another port",
          e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Creates the topics that do not exist yet; existing ones are left as they are. */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    List<NewTopic> topics = new ArrayList<>();
    partitionsByTopic.forEach(
        (name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(topics)
          .values()
          .forEach(
              (name, created) -> {
                try {
                  created.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                  if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                        "creating topic " + name + " failed", e.getCause());
                  }
                } catch (Exception e) {
                  throw new IllegalStateException("creating topic " + name + " failed", e);
                }
              });
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  /**
   * The local stack's broker: {@code --port 9092 --controller-port 9093 --data-dir DIR [--host
   * 127.0.0.1] [--advertised-host HOST] [--topics a:3,b:1] [--log-level INFO]}. Prints one "ready"
   * line once it serves clients and the topics exist.
   */
  public static void main(String[] args) throws Exception {
    BrokerSettings settings;
    Map<String, Integer> topics;
    try {
      BrokerCommandLine commandLine = BrokerCommandLine.parse(args);
      settings = commandLine.settings();
      topics = commandLine.topics();
      BrokerLogging.configure(commandLine.logLevel());
    } catch (IllegalArgumentException e) {
      System.err.println("kafka-broker: " + e.getMessage());
      System.err.println(BrokerCommandLine.USAGE);
      System.exit(2);
      return;
    }
    KafkaBroker broker;
    try {
      broker = start(settings);
    } catch (IllegalStateException e) {
      System.err.println("kafka-broker: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                },
                "kafka-broker-shutdown"));
    broker.createTopics(topics);
    System.out.println(
        "kafka-broker ready at " + broker.bootstrapServers() + " topics " + topics.keySet());
    stopped.await();
  }
}
