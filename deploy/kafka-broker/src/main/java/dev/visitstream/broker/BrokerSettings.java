package dev.visitstream.broker;

import java.nio.file.Path;
import java.util.Properties;

/** What a single-node KRaft broker needs to know: where it listens and where it keeps its log. */
public record BrokerSettings(
    String host,
    String advertisedHost,
    int port,
    int controllerPort,
    Path dataDir,
    String clusterId) {

  /**
   * Kafka's own default cluster id format: a base64 UUID; fixed so a restarted stack keeps its log.
   */
  public static final String LOCAL_CLUSTER_ID = "dmlzaXQtc3RyZWFtLWxvYw";

  public static BrokerSettings local(int port, int controllerPort, Path dataDir) {
    return new BrokerSettings(
        "127.0.0.1", "127.0.0.1", port, controllerPort, dataDir, LOCAL_CLUSTER_ID);
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + advertisedHost + ":" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dataDir.resolve("log").toString());
    p.setProperty("num.partitions", "3");
    p.setProperty("auto.create.topics.enable", "true");
    // One node: every internal topic must fit a replication factor of 1.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "3");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "3");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    // Consumers in tests and demos join at once instead of waiting 3 s for more members.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    return p;
  }
}
