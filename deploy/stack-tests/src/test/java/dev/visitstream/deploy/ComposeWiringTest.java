package dev.visitstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * docker-compose.yml, the settings both stacks share (deploy/.env) and the modules' own
 * configuration tell the same story: ports, bootstrap servers, topics, image versions, Flink
 * settings and start order.
 */
class ComposeWiringTest {

  /** What both stacks promise their users: the topics and the host ports. */
  static final Set<String> TOPICS =
      Set.of("website-visit", "website-out", "website-stats", "website-dlq");

  static final int KAFKA = 9092;
  static final int FLINK_UI = 8081;
  static final int GENERATOR = 8080;
  static final int DASHBOARD = 8082;
  static final int ZOOKEEPER = 2181;

  final ComposeFile compose = ComposeFile.load();
  final StackSettings stack = StackSettings.load();

  @Test
  void theLocalStackUsesTheContractPorts() {
    assertThat(stack.port("KAFKA_PORT")).isEqualTo(KAFKA);
    assertThat(stack.port("FLINK_PORT")).isEqualTo(FLINK_UI);
    assertThat(stack.port("GENERATOR_PORT")).isEqualTo(GENERATOR);
    assertThat(stack.port("DASHBOARD_PORT")).isEqualTo(DASHBOARD);
    assertThat(stack.port("ZOOKEEPER_PORT")).isEqualTo(ZOOKEEPER);
    assertThat(new HashSet<>(stack.ports().values()))
        .as("every port of the local stack is distinct")
        .hasSameSizeAs(stack.ports().values());
  }

  @Test
  void composePublishesTheLocalStackPortsOnTheHost() {
    assertThat(compose.ports("kafka")).containsKey(stack.port("KAFKA_PORT"));
    assertThat(compose.ports("jobmanager")).containsEntry(stack.port("FLINK_PORT"), 8081);
    assertThat(compose.ports("generator")).containsKey(stack.port("GENERATOR_PORT"));
    assertThat(compose.ports("dashboard")).containsKey(stack.port("DASHBOARD_PORT"));
    assertThat(compose.ports("zookeeper")).containsEntry(stack.port("ZOOKEEPER_PORT"), ZOOKEEPER);

    List<Integer> hostPorts =
        compose.serviceNames().stream()
            .flatMap(service -> compose.ports(service).keySet().stream())
            .toList();
    assertThat(new HashSet<>(hostPorts))
        .as("host ports published by compose are distinct")
        .hasSameSizeAs(hostPorts);
    assertThat(compose.ports("kafka-ui").keySet())
        .as("kafka-ui does not take a port of the local stack")
        .doesNotContainAnyElementsOf(stack.ports().values());
  }

  @Test
  void theDashboardRunsQueryJobsOnTheComposeFlinkFromTheSubmittersJar() {
    Map<String, String> dashboard = compose.environment("dashboard");
    assertThat(dashboard)
        .containsEntry(
            "FLINK_URL",
            "http://jobmanager:" + compose.ports("jobmanager").get(stack.port("FLINK_PORT")));
    String submitted = compose.environment("job-submitter").get("PIPELINE_JAR");
    assertThat(dashboard).containsEntry("PIPELINE_JAR", submitted);
    assertThat(dashboard).containsEntry("QUERY_JAR", submitted.replace(".jar", "-standalone.jar"));
    assertThat(QuarkusServiceConfig.of("dashboard-service").raw("dashboard.sql.query-jar"))
        .contains("${QUERY_JAR:");
    assertThat(QuarkusServiceConfig.of("dashboard-service").raw("dashboard.sql.flink-url"))
        .contains("${FLINK_URL:");
    assertThat(QuarkusServiceConfig.of("dashboard-service").raw("dashboard.sql.pipeline-jar"))
        .contains("${PIPELINE_JAR:");
  }

  @Test
  void kafkaAdvertisesLocalhostOnTheHostPortAndItsServiceNameInside() {
    Map<String, String> listeners =
        listeners(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"));
    int hostPort = stack.port("KAFKA_PORT");
    assertThat(listeners).containsEntry("EXTERNAL", "localhost:" + hostPort);
    int containerPort = compose.ports("kafka").get(hostPort);
    assertThat(listeners(compose.environment("kafka").get("KAFKA_LISTENERS")))
        .containsEntry("EXTERNAL", ":" + containerPort);

    String internal = listeners.get("INTERNAL");
    assertThat(internal).startsWith("kafka:");
    for (String service : List.of("generator", "dashboard", "job-submitter")) {
      assertThat(compose.environment(service))
          .as(service)
          .containsEntry("BOOTSTRAP_SERVERS", internal);
    }
    assertThat(compose.environment("kafka-ui"))
        .containsEntry("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS", internal);
    assertThat(compose.command("topics")).contains("--bootstrap-server " + internal);
  }

  @Test
  void bothStacksCreateTheContractTopicsWithTheSamePartitions() {
    assertThat(stack.topics()).containsExactlyInAnyOrderElementsOf(TOPICS);
    Map<String, String> init = compose.environment("topics");
    assertThat(List.of(init.get("TOPICS").trim().split("\\s+")))
        .containsExactlyInAnyOrderElementsOf(TOPICS);
    assertThat(init.get("TOPIC_PARTITIONS"))
        .isEqualTo(stack.get("TOPIC_PARTITIONS"))
        .isEqualTo("3");
  }

  @Test
  void imagesRunTheVersionsTheBuildUses() throws Exception {
    Document pom = rootPom();
    assertThat(compose.image("jobmanager"))
        .isEqualTo("flink:" + property(pom, "flink.version") + "-java11");
    assertThat(compose.image("taskmanager")).isEqualTo(compose.image("jobmanager"));
    assertThat(compose.image("job-submitter")).isEqualTo(compose.image("jobmanager"));
    assertThat(compose.image("kafka"))
        .isEqualTo("apache/kafka:" + property(pom, "kafka.broker.version"));
    assertThat(compose.image("topics")).isEqualTo(compose.image("kafka"));
    assertThat(compose.image("zookeeper"))
        .isEqualTo("zookeeper:" + property(pom, "zookeeper.version"));
  }

  @Test
  void composeFlinkSettingsAreTheLocalClusterSettings() {
    Map<String, String> local =
        flinkConf(
            RepositoryFiles.read("deploy/flink-cluster/conf/flink-conf.yaml")
                .replace("@FLINK_TASK_SLOTS@", stack.get("FLINK_TASK_SLOTS")));
    Map<String, String> composed =
        flinkConf(compose.environment("jobmanager").get("FLINK_PROPERTIES"));
    assertThat(compose.environment("taskmanager").get("FLINK_PROPERTIES"))
        .isEqualTo(compose.environment("jobmanager").get("FLINK_PROPERTIES"));
    for (String key :
        List.of(
            "jobmanager.memory.process.size",
            "jobmanager.memory.jvm-metaspace.size",
            "taskmanager.memory.process.size",
            "taskmanager.numberOfTaskSlots",
            "parallelism.default",
            "state.backend",
            "state.checkpoint-storage",
            "state.checkpoints.num-retained",
            "execution.checkpointing.externalized-checkpoint-retention",
            "restart-strategy",
            "restart-strategy.fixed-delay.attempts",
            "restart-strategy.fixed-delay.delay",
            "heartbeat.interval",
            "heartbeat.timeout")) {
      assertThat(composed.get(key)).as(key).isNotNull().isEqualTo(local.get(key));
    }
    assertThat(local.get("jobmanager.memory.jvm-metaspace.size"))
        .as("REST submissions run main() in the JobManager")
        .isEqualTo("512m");
    assertThat(composed.get("state.checkpoints.dir")).startsWith("file:///flink-data/");
    assertThat(composed.get("state.savepoints.dir")).startsWith("file:///flink-data/");
    for (String service : List.of("jobmanager", "taskmanager")) {
      assertThat(String.valueOf(compose.service(service).get("volumes")))
          .as(service)
          .contains("flink-data:/flink-data");
    }
  }

  /**
   * deploy/stack appends flink-conf-ha.yaml to the local cluster's configuration (FLINK_HA's
   * default: zookeeper); compose must carry every one of its keys, the same values where they are
   * not local paths or ports, and its ZooKeeper and HA storage where the containers find them.
   */
  @Test
  void composeFlinkHasTheLocalHighAvailabilitySettings() {
    assertThat(stack.get("FLINK_HA"))
        .as("HA is on by default on the local stack")
        .isEqualTo("zookeeper");
    Map<String, String> local =
        flinkConf(RepositoryFiles.read("deploy/flink-cluster/conf/flink-conf-ha.yaml"));
    Map<String, String> composed =
        flinkConf(compose.environment("jobmanager").get("FLINK_PROPERTIES"));
    assertThat(local)
        .containsEntry("high-availability", "zookeeper")
        .containsKeys("high-availability.storageDir", "high-availability.cluster-id");
    local.forEach(
        (key, value) -> {
          assertThat(composed).as("compose's FLINK_PROPERTIES").containsKey(key);
          if (!value.contains("@")) {
            assertThat(composed.get(key)).as(key).isEqualTo(value);
          }
        });

    assertThat(local.get("high-availability.zookeeper.quorum"))
        .isEqualTo("localhost:@ZOOKEEPER_PORT@");
    int zookeeperPort = compose.ports("zookeeper").get(stack.port("ZOOKEEPER_PORT"));
    assertThat(composed.get("high-availability.zookeeper.quorum"))
        .isEqualTo("zookeeper:" + zookeeperPort);
    // the RPC port of an HA JobManager: the one both stacks give jobmanager.rpc.port otherwise
    assertThat(local.get("high-availability.jobmanager.port")).isEqualTo("@FLINK_RPC_PORT@");
    assertThat(composed.get("high-availability.jobmanager.port"))
        .isEqualTo(String.valueOf(stack.port("FLINK_RPC_PORT")));
    // job graphs and jars of the recovered jobs: where every JobManager (and TaskManager) reads
    // them
    assertThat(local.get("high-availability.storageDir")).isEqualTo("file://@STACK_DIR@/flink/ha");
    assertThat(composed.get("high-availability.storageDir")).isEqualTo("file:///flink-data/ha");
    assertThat(compose.command("flink-volume") + compose.service("flink-volume").get("entrypoint"))
        .contains("/flink-data/ha");
    // HA recovers the jobs, but starts no process: compose brings a dead JobManager back
    assertThat(compose.service("jobmanager").get("restart")).isEqualTo("unless-stopped");
  }

  /** zoo.cfg of the local stack and the image's ZOO_* settings: one server configuration. */
  @Test
  void composeZooKeeperIsConfiguredAsTheLocalOne() {
    Map<String, String> zooCfg = properties(RepositoryFiles.read("deploy/zookeeper/conf/zoo.cfg"));
    Map<String, String> env = compose.environment("zookeeper");
    assertThat(env.get("ZOO_TICK_TIME")).isEqualTo(zooCfg.get("tickTime"));
    assertThat(env.get("ZOO_ADMINSERVER_ENABLED")).isEqualTo(zooCfg.get("admin.enableServer"));
    assertThat(env.get("ZOO_4LW_COMMANDS_WHITELIST"))
        .isEqualTo(zooCfg.get("4lw.commands.whitelist"));
    assertThat(env.get("ZOO_AUTOPURGE_SNAPRETAINCOUNT"))
        .isEqualTo(zooCfg.get("autopurge.snapRetainCount"));
    assertThat(env.get("ZOO_AUTOPURGE_PURGEINTERVAL"))
        .isEqualTo(zooCfg.get("autopurge.purgeInterval"));
    assertThat(zooCfg.get("clientPort")).isEqualTo("@ZOOKEEPER_PORT@");
    assertThat(compose.ports("zookeeper")).containsValue(ZOOKEEPER);
    // both health checks ask "srvr": it must be allowed
    assertThat(List.of(zooCfg.get("4lw.commands.whitelist").split(","))).contains("srvr");
    assertThat(String.valueOf(compose.service("zookeeper").get("healthcheck"))).contains("srvr");

    // the server grants sessions of 2 to 20 ticks: Flink's must lie within, or it is silently
    // clamped
    long tick = Long.parseLong(zooCfg.get("tickTime"));
    long session =
        Long.parseLong(
            flinkConf(RepositoryFiles.read("deploy/flink-cluster/conf/flink-conf-ha.yaml"))
                .get("high-availability.zookeeper.client.session-timeout"));
    assertThat(session).isBetween(2 * tick, 20 * tick);
  }

  @Test
  void servicesStartOnlyOnceWhatTheyNeedIsHealthy() {
    assertThat(compose.dependsOn("topics")).containsEntry("kafka", "service_healthy");
    assertThat(compose.dependsOn("kafka-ui")).containsEntry("kafka", "service_healthy");
    assertThat(compose.dependsOn("jobmanager"))
        .containsEntry("flink-volume", "service_completed_successfully");
    assertThat(compose.dependsOn("jobmanager")).containsEntry("zookeeper", "service_healthy");
    assertThat(compose.dependsOn("taskmanager")).containsEntry("jobmanager", "service_healthy");
    assertThat(compose.dependsOn("job-submitter"))
        .containsEntry("taskmanager", "service_healthy")
        .containsEntry("topics", "service_completed_successfully");
    assertThat(compose.dependsOn("generator"))
        .containsEntry("topics", "service_completed_successfully");
    assertThat(compose.dependsOn("dashboard"))
        .containsEntry("topics", "service_completed_successfully");

    for (String service : compose.serviceNames()) {
      compose
          .dependsOn(service)
          .forEach(
              (dependency, condition) -> {
                if (condition.equals("service_healthy")) {
                  assertThat(compose.hasHealthcheck(dependency))
                      .as(
                          service
                              + " waits for "
                              + dependency
                              + " to be healthy: it needs a healthcheck")
                      .isTrue();
                }
                if (condition.equals("service_completed_successfully")) {
                  assertThat(compose.service(dependency).get("restart"))
                      .as(dependency + " is a one-shot service")
                      .isEqualTo("no");
                }
              });
    }
    for (String service :
        List.of("kafka", "zookeeper", "jobmanager", "taskmanager", "generator", "dashboard")) {
      assertThat(compose.hasHealthcheck(service)).as(service + " has a healthcheck").isTrue();
    }
  }

  @Test
  void theServicesImagesAreBuiltFromTheirModulesDockerfiles() {
    for (String service : List.of("generator", "dashboard")) {
      Map<?, ?> build = (Map<?, ?>) compose.service(service).get("build");
      String context = String.valueOf(build.get("context"));
      String module = context.replaceFirst("^\\.\\./", "");
      assertThat(module).isEqualTo(service + "-service");
      assertThat(build.get("dockerfile")).isEqualTo("src/main/docker/Dockerfile.jvm");
      assertThat(RepositoryFiles.path(module + "/src/main/docker/Dockerfile.jvm"))
          .as("the Dockerfile that compose builds " + service + " from")
          .exists();
    }
  }

  @Test
  void servicesReadTheirBootstrapServersAndPortsAsTheStacksSetThem() {
    Map<String, Integer> ports =
        Map.of(
            "generator", stack.port("GENERATOR_PORT"), "dashboard", stack.port("DASHBOARD_PORT"));
    ports.forEach(
        (service, port) -> {
          QuarkusServiceConfig config = QuarkusServiceConfig.of(service + "-service");
          assertThat(config.environmentVariable("kafka.bootstrap.servers"))
              .as(service + ": kafka.bootstrap.servers=${BOOTSTRAP_SERVERS:...}")
              .isEqualTo("BOOTSTRAP_SERVERS");
          assertThat(config.effective("kafka.bootstrap.servers", null))
              .as(service + ": default bootstrap servers")
              .isEqualTo("localhost:" + stack.port("KAFKA_PORT"));
          assertThat(config.effective("quarkus.http.port", "8080"))
              .as(service + ": quarkus.http.port when no environment overrides it")
              .isEqualTo(String.valueOf(port));
          // both stacks set the port through QUARKUS_HTTP_PORT; compose publishes that container
          // port
          assertThat(compose.environment(service).get("QUARKUS_HTTP_PORT"))
              .isEqualTo(String.valueOf(port));
          assertThat(compose.ports(service)).containsEntry(port, port);
        });
  }

  @Test
  void servicesUseTheContractTopics() {
    QuarkusServiceConfig generator = QuarkusServiceConfig.of("generator-service");
    assertThat(generator.channelsWithoutTopic("outgoing"))
        .as("generator channels name their topic")
        .isEmpty();
    assertThat(generator.topics())
        .as("generator topics")
        .contains("website-visit")
        .isSubsetOf(TOPICS);

    QuarkusServiceConfig dashboard = QuarkusServiceConfig.of("dashboard-service");
    assertThat(dashboard.channelsWithoutTopic("incoming"))
        .as("dashboard channels name their topic")
        .isEmpty();
    assertThat(dashboard.topics())
        .as("dashboard topics")
        .contains("website-out")
        .isSubsetOf(TOPICS);
  }

  @Test
  void bothStacksSubmitTheJobWithTheSameOptions() {
    Map<String, String> options = PipelineOptionsText.options(stack.get("JOB_RUN_OPTIONS"));
    assertThat(options)
        .containsEntry("attachedMode", "false")
        .containsEntry("runner", "FlinkRunner")
        .doesNotContainKey("flinkMaster");
    Map<String, String> submitter = compose.environment("job-submitter");
    assertThat(submitter)
        .containsEntry("JOB_RUN_OPTIONS", stack.get("JOB_RUN_OPTIONS"))
        .containsEntry("JOB_NAME", stack.get("JOB_NAME"));
  }

  @Test
  void composeSubmitsTheJarThatThePipelineBuildMakesForACluster() {
    String mount = "/opt/visit-stream/jobs";
    assertThat(String.valueOf(compose.service("job-submitter").get("volumes")))
        .contains("../pipeline-job/target:" + mount);
    String jar = compose.environment("job-submitter").get("PIPELINE_JAR");
    assertThat(jar).startsWith(mount + "/");
    assertThat(RepositoryFiles.path("pipeline-job/target" + jar.substring(mount.length())))
        .as("the jar pipeline-job's build makes for a cluster (build pipeline-job first)")
        .isRegularFile();
  }

  private static Map<String, String> listeners(String spec) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String listener : spec.split(",")) {
      String[] parts = listener.trim().split("://", 2);
      byName.put(parts[0], parts[1]);
    }
    return byName;
  }

  private static Map<String, String> flinkConf(String text) {
    Map<String, String> conf = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.trim();
      int colon = trimmed.indexOf(": ");
      if (!trimmed.isEmpty() && !trimmed.startsWith("#") && colon > 0) {
        conf.put(trimmed.substring(0, colon), trimmed.substring(colon + 2).trim());
      }
    }
    return conf;
  }

  private static Map<String, String> properties(String text) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.trim();
      int equals = trimmed.indexOf('=');
      if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0) {
        properties.put(trimmed.substring(0, equals), trimmed.substring(equals + 1).trim());
      }
    }
    return properties;
  }

  private static String property(Document pom, String name) {
    NodeList properties = pom.getDocumentElement().getElementsByTagName(name);
    assertThat(properties.getLength()).as("root pom property " + name).isOne();
    return properties.item(0).getTextContent().trim();
  }

  private static Document rootPom() throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(RepositoryFiles.path("pom.xml").toFile());
  }
}
