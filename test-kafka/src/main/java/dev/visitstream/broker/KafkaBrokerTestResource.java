package dev.visitstream.broker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest} at this JVM's real test broker ({@link TestKafka}). */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", TestKafka.bootstrapServers());
  }

  @Override
  public void stop() {
    // One broker serves the whole JVM; it stops with the JVM.
  }
}
