package dev.visitstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitstream.visit.VisitTopics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * deploy/stack for real: Kafka, ZooKeeper and the Flink cluster (highly available through that
 * ZooKeeper) start as JVMs, report healthy, are found again by a second "up", refuse ports that
 * others hold, and "down" stops them in order and leaves no process behind. Runs in its own
 * $STACK_DIR under target/ and on shifted ports, beside any stack already running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackScriptIT {

  static LocalStack stack;

  @BeforeAll
  static void pickAStackDirectoryAndFreePorts() throws Exception {
    stack = LocalStack.create("stack-it-", 21000, 21500, 22000, 22500, 20500);
  }

  @AfterAll
  static void stopEverythingThisTestStarted() throws Exception {
    stack.tearDown();
  }

  @Test
  @Order(1)
  void upStartsKafkaAndFlinkWithItsZooKeeperAndWaitsUntilTheyAreHealthy() throws Exception {
    LocalStack.Result up = stack.run("up", "kafka", "flink");

    assertThat(up.exit()).as(up.output()).isZero();
    assertThat(up.output())
        .contains("kafka: ready at localhost:" + stack.port(9092))
        .contains("zookeeper: ready at localhost:" + stack.port(2181))
        .contains(
            "flink: ready at http://localhost:"
                + stack.port(8081)
                + " (1 TaskManager, HA: zookeeper)");
    assertThat(up.output().indexOf("zookeeper: ready"))
        .as("ZooKeeper is up before the JobManager starts")
        .isLessThan(up.output().indexOf("starting flink jobmanager"));
    // the running JobManager's own configuration: HA through this stack's ZooKeeper
    String config = Http.get("http://localhost:" + stack.port(8081) + "/jobmanager/config");
    assertThat(config)
        .contains("{\"key\":\"high-availability\",\"value\":\"zookeeper\"}")
        .contains(
            "{\"key\":\"high-availability.zookeeper.quorum\",\"value\":\"localhost:"
                + stack.port(2181)
                + "\"}")
        .contains(
            "{\"key\":\"high-availability.storageDir\",\"value\":\"file://"
                + stack.dir
                + "/flink/ha\"}");
    assertThat(Http.get("http://localhost:" + stack.port(8081) + "/overview"))
        .contains(
            "\"taskmanagers\":1",
            "\"slots-total\":" + StackSettings.load().get("FLINK_TASK_SLOTS"));
    for (String topic :
        List.of(VisitTopics.VISITS, VisitTopics.OUT, VisitTopics.STATS, VisitTopics.DEAD_LETTERS)) {
      assertThat(stack.dir.resolve("kafka/data/log/" + topic + "-2"))
          .as("partition 2 of " + topic)
          .isDirectory();
    }
  }

  @Test
  @Order(2)
  void statusReportsEveryProcessReady() throws Exception {
    LocalStack.Result status = stack.run("status");

    assertThat(status.exit()).isZero();
    assertThat(status.output())
        .containsPattern("kafka\\s+ready\\s+\\d+")
        .containsPattern("zookeeper\\s+ready\\s+\\d+")
        .containsPattern("jobmanager\\s+ready\\s+\\d+")
        .containsPattern("taskmanager\\s+ready\\s+\\d+")
        .containsPattern("generator\\s+stopped");
  }

  @Test
  @Order(3)
  void aSecondUpFindsWhatRunsInsteadOfFailingOnItsPorts() throws Exception {
    LocalStack.Result again = stack.run("up", "kafka", "flink");

    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(again.output())
        .contains(
            "kafka: already running",
            "zookeeper: already running",
            "flink jobmanager: already running",
            "flink taskmanager: already running");
  }

  @Test
  @Order(4)
  void anotherStackOnTheSamePortsIsToldWhichPortIsTaken() throws Exception {
    LocalStack other =
        new LocalStack(
            Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stack-it-other-"),
            stack.offset);

    LocalStack.Result clash = other.run("up", "kafka");

    assertThat(clash.exit()).isNotZero();
    assertThat(clash.output()).contains("port " + stack.port(9092) + " is already in use");
    assertThat(other.processes()).isEmpty();
  }

  @Test
  @Order(5)
  void aPortHeldByAnyOtherProgramIsNamed() throws Exception {
    LocalStack other =
        new LocalStack(
            Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stack-it-busy-"),
            stack.offset + 100);
    try (ServerSocket squatter =
        new ServerSocket(other.port(8081), 1, InetAddress.getLoopbackAddress())) {
      LocalStack.Result busy = other.run("up", "flink");

      assertThat(busy.exit()).isNotZero();
      assertThat(busy.output())
          .contains(
              "flink jobmanager cannot start: port "
                  + squatter.getLocalPort()
                  + " is already in use");
    }
    assertThat(other.processes()).isEmpty();
  }

  @Test
  @Order(6)
  void downStopsEveryProcessItStartedAndFreesThePorts() throws Exception {
    LocalStack.Result down = stack.run("down");

    assertThat(down.exit()).as(down.output()).isZero();
    assertThat(down.output())
        .contains(
            "taskmanager: stopped", "jobmanager: stopped", "zookeeper: stopped", "kafka: stopped");
    // ZooKeeper outlives the JobManager, which would otherwise lose its leadership while it stops
    assertThat(down.output().indexOf("jobmanager: stopped"))
        .isLessThan(down.output().indexOf("zookeeper: stopped"));
    assertThat(stack.processes()).isEmpty();
    for (int port : LocalStack.DEFAULT_PORTS) {
      assertThat(LocalStack.free(stack.port(port)))
          .as("port " + stack.port(port) + " free after down")
          .isTrue();
    }
    assertThat(stack.run("status").output())
        .containsPattern("kafka\\s+stopped")
        .containsPattern("zookeeper\\s+stopped");
  }
}
