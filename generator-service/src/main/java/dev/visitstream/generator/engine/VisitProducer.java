package dev.visitstream.generator.engine;

import dev.visitstream.generator.settings.GeneratorConfig;
import dev.visitstream.generator.visit.Flaw;
import dev.visitstream.generator.visit.VisitRecord;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A plain Kafka producer, configured from the application's {@code kafka.*} properties (acks,
 * idempotence, linger, batch, compression: see application.properties). The plain client is used
 * rather than a messaging channel for its throughput and its per-record callback (ack counts).
 */
@ApplicationScoped
public class VisitProducer {

  private static final Set<String> PRODUCER_KEYS = ProducerConfig.configNames();

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject GeneratorConfig config;

  private KafkaProducer<byte[], byte[]> producer;

  @PostConstruct
  void open() {
    producer =
        new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Hands a record to the producer; throws when the producer refuses it (no metadata in time, full
   * buffer).
   */
  public void send(VisitRecord record, Callback report) {
    List<Header> headers =
        record.malformed()
            ? List.of(
                new RecordHeader(
                    Flaw.HEADER, record.flaw().label().getBytes(StandardCharsets.US_ASCII)))
            : null;
    producer.send(
        new ProducerRecord<>(config.topic(), null, null, record.key(), record.value(), headers),
        report);
  }

  public String topic() {
    return config.topic();
  }

  public String bootstrapServers() {
    return String.valueOf(kafkaConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
  }

  @PreDestroy
  void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> settings = new HashMap<>();
    // kafka.* also holds admin and consumer keys (and env vars starting with KAFKA); keep the
    // producer's.
    kafkaConfig.forEach(
        (key, value) -> {
          if (PRODUCER_KEYS.contains(key)) {
            settings.put(key, value);
          }
        });
    settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "generator-service");
    return settings;
  }
}
