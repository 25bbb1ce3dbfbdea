package dev.visitstream.pipeline;

import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters to website-dlq: the original key and value bytes, the original headers, and
 * {@code dlq.reason}, {@code dlq.source.topic}, {@code dlq.source.partition}, {@code
 * dlq.source.offset} (UTF-8 strings).
 */
public final class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {

  public static final String REASON = "dlq.reason";
  public static final String SOURCE_TOPIC = "dlq.source.topic";
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";

  private static final byte[] NO_BYTES = new byte[0];

  private final String bootstrapServers;
  private final String topic;

  public WriteDeadLetters(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  @Override
  public PDone expand(PCollection<DeadLetter> deadLetters) {
    String dlqTopic = topic;
    return deadLetters
        .apply(
            "ToRecord",
            ParDo.of(
                new DoFn<DeadLetter, ProducerRecord<byte[], byte[]>>() {
                  @ProcessElement
                  public void process(
                      @Element DeadLetter deadLetter,
                      OutputReceiver<ProducerRecord<byte[], byte[]>> out) {
                    out.output(record(deadLetter, dlqTopic));
                  }
                }))
        .setCoder(
            ProducerRecordCoder.of(
                NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of())))
        .apply(
            "KafkaWrite",
            KafkaIO.<byte[], byte[]>writeRecords()
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withKeySerializer(ByteArraySerializer.class)
                .withValueSerializer(ByteArraySerializer.class));
  }

  static ProducerRecord<byte[], byte[]> record(DeadLetter deadLetter, String topic) {
    KafkaRecord<byte[], byte[]> source = deadLetter.record();
    RecordHeaders headers = new RecordHeaders();
    if (source.getHeaders() != null) {
      for (Header header : source.getHeaders()) {
        // The record coder cannot carry a null header value; an empty one says the same.
        headers.add(header.key(), header.value() == null ? NO_BYTES : header.value());
      }
    }
    headers.add(REASON, utf8(deadLetter.reason()));
    headers.add(SOURCE_TOPIC, utf8(source.getTopic()));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(source.getPartition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(source.getOffset())));
    return new ProducerRecord<>(
        topic, null, null, source.getKV().getKey(), source.getKV().getValue(), headers);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
