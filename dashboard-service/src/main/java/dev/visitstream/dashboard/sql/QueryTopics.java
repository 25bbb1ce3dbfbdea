package dev.visitstream.dashboard.sql;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Kafka side of a query: its result topic and the query job's consumer group. */
@ApplicationScoped
public class QueryTopics {

  private final Admin admin;

  public QueryTopics(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000));
  }

  void create(String topic, int partitions) {
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "Kafka did not create the result topic " + topic + ": " + e.getCause(), e);
      }
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not create the result topic " + topic + " in time", e);
    }
  }

  /** Deletes the topic and the groups; what is already gone is no error. */
  void delete(String topic, String group) {
    ignoreMissing(() -> admin.deleteTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS));
    ignoreMissing(() -> admin.deleteConsumerGroups(List.of(group)).all().get(15, TimeUnit.SECONDS));
  }

  Set<String> topicsStartingWith(String prefix) {
    try {
      return admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
          .filter(name -> name.startsWith(prefix))
          .collect(java.util.stream.Collectors.toSet());
    } catch (ExecutionException | InterruptedException | TimeoutException e) {
      return Set.of();
    }
  }

  /** True once the topic no longer exists. */
  boolean gone(String topic) {
    return !topicsStartingWith(topic).contains(topic);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void ignoreMissing(Call call) {
    try {
      call.run();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (!(cause instanceof UnknownTopicOrPartitionException
          || cause instanceof GroupIdNotFoundException)) {
        if (cause instanceof GroupNotEmptyException) {
          return; // the cancelled job's consumers leave within seconds; nothing of its state
          // matters
        }
        throw new IllegalStateException("Kafka: " + cause, e);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not answer: " + e, e);
    }
  }

  @PreDestroy
  void close() {
    admin.close(java.time.Duration.ofSeconds(2));
  }
}
