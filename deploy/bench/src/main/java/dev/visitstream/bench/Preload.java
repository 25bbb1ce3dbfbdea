package dev.visitstream.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills the input topic before any variant runs, with the producer settings of the
 * generator-service (lz4, large batches), so that every variant reads the same records in the same
 * compressed form the real stack has.
 */
final class Preload {

  /** What went in: the expected output of every variant. */
  record Input(long events, long malformed, double meanValueBytes) {
    long valid() {
      return events - malformed;
    }
  }

  private Preload() {}

  static Input fill(
      String bootstrapServers,
      String topic,
      long events,
      double malformedShare,
      double emptyLocationShare,
      int users,
      int eventsPerSecond,
      double lateShare,
      int lateBySeconds,
      long seed) {
    // The last visit's event_ts lies about now, as if the input had just been produced.
    long eventTimeSpan = Math.floorDiv(events * 1000, eventsPerSecond);
    BenchVisits visits =
        new BenchVisits(
            seed,
            users,
            emptyLocationShare,
            malformedShare,
            System.currentTimeMillis() - eventTimeSpan,
            eventsPerSecond,
            lateShare,
            lateBySeconds);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            10,
            ProducerConfig.BATCH_SIZE_CONFIG,
            262_144,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4",
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            67_108_864L);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long malformed = 0;
    long bytes = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < events && failure.get() == null; i++) {
        BenchVisits.Visit visit = visits.next();
        if (visit.flaw() != null) {
          malformed++;
        }
        bytes += visit.value().length;
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(topic, visit.key(), visit.value());
        if (visit.flaw() != null) {
          record
              .headers()
              .add("visit-stream.flaw", visit.flaw().name().getBytes(StandardCharsets.UTF_8));
        }
        producer.send(
            record,
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("preloading " + topic + " failed", failure.get());
    }
    try (var consumer = OutputWatch.consumer(bootstrapServers)) {
      long held =
          consumer.endOffsets(OutputWatch.partitions(consumer, topic)).values().stream()
              .mapToLong(Long::longValue)
              .sum();
      if (held != events) {
        throw new IllegalStateException(
            topic + " holds " + held + " records, not " + events + ": start from an empty topic");
      }
    }
    return new Input(events, malformed, events == 0 ? 0 : (double) bytes / events);
  }
}
