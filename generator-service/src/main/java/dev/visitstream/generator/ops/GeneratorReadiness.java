package dev.visitstream.generator.ops;

import dev.visitstream.generator.engine.KafkaLink;
import dev.visitstream.generator.engine.SendCounters;
import dev.visitstream.generator.engine.TrafficGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Down while Kafka refuses or fails the generator's records (until records are acked again), or
 * leaves records unacknowledged for more than 5 s. Next to it, Quarkus' own "Kafka connection
 * health check" asks the broker directly.
 */
@Readiness
@ApplicationScoped
public class GeneratorReadiness implements HealthCheck {

  @Inject TrafficGenerator generator;

  @Override
  public HealthCheckResponse call() {
    KafkaLink link = generator.link();
    KafkaLink.State state = generator.kafkaState();
    SendCounters.Snapshot total = generator.total().snapshot();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("visit generator")
            .withData("running", generator.running())
            .withData("topic", generator.topic())
            .withData("kafka", state.name())
            .withData("sent", total.sent())
            .withData("acked", total.acked())
            .withData("failed", total.failed());
    if (state == KafkaLink.State.STALLED) {
      return response
          .down()
          .withData("unansweredSeconds", generator.unanswered().toSeconds())
          .build();
    }
    if (state == KafkaLink.State.FAILING) {
      return response.down().withData("lastError", String.valueOf(link.lastError())).build();
    }
    return response.up().build();
  }
}
