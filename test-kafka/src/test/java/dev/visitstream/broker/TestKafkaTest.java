package dev.visitstream.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestKafkaTest {

  @Test
  void servesAProducedRecordBackToAConsumer() throws Exception {
    String bootstrap = TestKafka.bootstrapServers();

    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
    try (var producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("fixture-check", "user-1", "{\"id\":\"user-1\"}")).get();
    }

    Properties consumerConfig = new Properties();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "fixture-check");
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("fixture-check"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      ConsumerRecord<String, String> received = null;
      while (received == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          received = record;
        }
      }
      assertTrue(received != null, "no record came back within 30 s");
      assertEquals("user-1", received.key());
      assertEquals("{\"id\":\"user-1\"}", received.value());
    }
  }

  @Test
  void isOneBrokerPerJvm() {
    assertEquals(TestKafka.bootstrapServers(), TestKafka.bootstrapServers());
    assertEquals(TestKafka.bootstrapServers(), System.getProperty(TestKafka.BOOTSTRAP_PROPERTY));
  }
}
