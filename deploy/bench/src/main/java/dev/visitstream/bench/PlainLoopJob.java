package dev.visitstream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Baseline (a), the practical upper bound: one thread, KafkaConsumer -> {@link KeyedVisit} ->
 * KafkaProducer, what a team would write by hand instead of a stream processor. Client settings are
 * Kafka's defaults, as in the Beam job's KafkaIO; offsets are committed every 5 s after a producer
 * flush (at least once, like the job's checkpoints).
 *
 * <p>{@code --bootstrap-servers B --input T --output T --dlq T --group G [--max-seconds S]}
 */
public final class PlainLoopJob {

  private static final Duration COMMIT_EVERY = Duration.ofSeconds(5);

  record Topics(
      String bootstrapServers, String input, String output, String deadLetters, String group) {}

  private PlainLoopJob() {}

  public static void main(String[] args) {
    Args parsed =
        Args.parse(
            args, Set.of("bootstrap-servers", "input", "output", "dlq", "group", "max-seconds"));
    Topics topics =
        new Topics(
            parsed.required("bootstrap-servers"),
            parsed.text("input", "website-visit"),
            parsed.text("output", "website-out"),
            parsed.text("dlq", "website-dlq"),
            parsed.text("group", "bench-plain-loop"));
    AtomicBoolean stop = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.set(true)));
    run(topics, stop, Duration.ofSeconds(parsed.number("max-seconds", 3600)));
  }

  /** Runs until {@code stop} is set or {@code maxRun} has passed. */
  static void run(Topics topics, AtomicBoolean stop, Duration maxRun) {
    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            topics.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            topics.group(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    Map<String, Object> producerConfig =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
    long deadline = System.nanoTime() + maxRun.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(
                consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
      consumer.subscribe(List.of(topics.input()));
      long nextCommit = System.nanoTime() + COMMIT_EVERY.toNanos();
      while (!stop.get() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          producer.send(toOutput(record, topics));
        }
        if (System.nanoTime() >= nextCommit) {
          producer.flush();
          consumer.commitSync();
          nextCommit = System.nanoTime() + COMMIT_EVERY.toNanos();
        }
      }
      producer.flush();
    }
  }

  static ProducerRecord<byte[], byte[]> toOutput(
      ConsumerRecord<byte[], byte[]> record, Topics topics) {
    try {
      KeyedVisit.Output output = KeyedVisit.transform(record.value());
      return new ProducerRecord<>(topics.output(), output.key(), output.value());
    } catch (KeyedVisit.NotAVisit e) {
      RecordHeaders headers = new RecordHeaders();
      for (Header header : record.headers()) {
        headers.add(header);
      }
      headers.add("dlq.reason", utf8(e.getMessage()));
      headers.add("dlq.source.topic", utf8(record.topic()));
      headers.add("dlq.source.partition", utf8(Integer.toString(record.partition())));
      headers.add("dlq.source.offset", utf8(Long.toString(record.offset())));
      return new ProducerRecord<>(
          topics.deadLetters(), null, null, record.key(), record.value(), headers);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
