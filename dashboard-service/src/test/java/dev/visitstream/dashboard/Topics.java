package dev.visitstream.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visitstream.broker.TestKafka;
import dev.visitstream.visit.VisitTopics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes to the test broker's topics as the pipeline would. One per test class. */
public final class Topics implements AutoCloseable {

  private final KafkaProducer<String, String> producer =
      Visits.producer(TestKafka.bootstrapServers());

  /**
   * A website-out record for {@code user} on partition 0 (so records of one test keep their order).
   */
  public void visit(String user, Consumer<ObjectNode> change) {
    long now = System.currentTimeMillis();
    ObjectNode v = Visits.visit(user, now);
    change.accept(v);
    producer.send(new ProducerRecord<>(VisitTopics.OUT, 0, Visits.key(user, now), Visits.json(v)));
  }

  public void raw(String topic, String key, String value, Map<String, String> headers) {
    ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
    headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    producer.send(r);
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
