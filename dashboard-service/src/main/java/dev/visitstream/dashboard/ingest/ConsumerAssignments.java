package dev.visitstream.dashboard.ingest;

import dev.visitstream.visit.VisitTopics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Which partitions the dashboard's consumers own, and the readiness of the live stream: ready once
 * the {@code website-out} consumer owns partitions and knows where it reads from in each. With
 * {@code auto.offset.reset=latest} that position is resolved lazily; asking for it here, on
 * assignment, means that a record produced after readiness is never skipped by a late "latest".
 * (website-stats and website-dlq are reported, not required: they may not exist yet.)
 */
@ApplicationScoped
@Default
@Identifier("consumer-assignments")
@Readiness
public class ConsumerAssignments implements KafkaConsumerRebalanceListener, HealthCheck {

  static final String EVENTS_TOPIC = VisitTopics.OUT;

  private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      consumer.position(tp);
    }
    assigned.addAll(partitions);
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
  }

  /** "topic-partition" names, sorted. */
  public Set<String> assignedPartitions() {
    Set<String> names = new TreeSet<>();
    assigned.forEach(tp -> names.add(tp.toString()));
    return names;
  }

  @Override
  public HealthCheckResponse call() {
    boolean events = assigned.stream().anyMatch(tp -> tp.topic().equals(EVENTS_TOPIC));
    return HealthCheckResponse.named("website-out consumer")
        .status(events)
        .withData("assigned_partitions", String.join(",", assignedPartitions()))
        .build();
  }
}
