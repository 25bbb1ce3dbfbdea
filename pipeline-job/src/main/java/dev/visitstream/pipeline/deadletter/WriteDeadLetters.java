package dev.visitstream.pipeline.deadletter;

import dev.visitstream.pipeline.transactions.WriteInTransactions;
import dev.visitstream.visit.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters to website-dlq: the original key and value bytes, the original headers, and the
 * reason and source {@link DeadLetterHeaders}. A record too large to be written whole is cut to fit
 * and says what was cut in {@link DeadLetterHeaders#TRUNCATED}.
 */
public final class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {

  /**
   * The most a dead letter may hold, below the producer's 1 MiB max.request.size: a larger one
   * would fail the writer, and with it the job, at every restart. Input can be larger than that
   * when it came compressed, or close to it with the dlq headers still to be added.
   */
  static final long MAX_RECORD_BYTES = 1_000_000;

  /** Room for dlq.truncated and Kafka's per-record and per-header overhead. */
  private static final long TRUNCATION_ROOM = 1_000;

  private static final byte[] NO_BYTES = new byte[0];

  private final String bootstrapServers;
  private final String topic;

  /** Null: at least once, with KafkaIO's plain writer. */
  private final WriteInTransactions inTransactions;

  public WriteDeadLetters(String bootstrapServers, String topic) {
    this(bootstrapServers, topic, null);
  }

  private WriteDeadLetters(
      String bootstrapServers, String topic, WriteInTransactions inTransactions) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.inTransactions = inTransactions;
  }

  /** Dead letters written exactly once, in Kafka transactions (--exactlyOnce). */
  public static WriteDeadLetters inTransactions(
      String bootstrapServers, String topic, String sinkGroupId, int shards) {
    return new WriteDeadLetters(
        bootstrapServers,
        topic,
        new WriteInTransactions(bootstrapServers, topic, sinkGroupId, shards));
  }

  @Override
  public PDone expand(PCollection<DeadLetter> deadLetters) {
    String dlqTopic = topic;
    PCollection<ProducerRecord<byte[], byte[]>> records =
        deadLetters
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
                    NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of())));
    if (inTransactions != null) {
      return records.apply("WriteInTransactions", inTransactions);
    }
    return records.apply(
        "KafkaWrite",
        KafkaIO.<byte[], byte[]>writeRecords()
            .withBootstrapServers(bootstrapServers)
            .withTopic(topic)
            .withKeySerializer(ByteArraySerializer.class)
            .withValueSerializer(ByteArraySerializer.class));
  }

  static ProducerRecord<byte[], byte[]> record(DeadLetter deadLetter, String topic) {
    KafkaRecord<byte[], byte[]> source = deadLetter.record();
    List<Header> original = new ArrayList<>();
    if (source.getHeaders() != null) {
      for (Header header : source.getHeaders()) {
        // The record coder cannot carry a null header value; an empty one says the same.
        original.add(
            new RecordHeader(header.key(), header.value() == null ? NO_BYTES : header.value()));
      }
    }
    List<Header> whyAndWhence =
        List.of(
            new RecordHeader(DeadLetterHeaders.REASON, utf8(deadLetter.reason())),
            new RecordHeader(DeadLetterHeaders.SOURCE_TOPIC, utf8(source.getTopic())),
            new RecordHeader(
                DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(source.getPartition()))),
            new RecordHeader(
                DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(source.getOffset()))));
    byte[] key = source.getKV().getKey();
    byte[] value = source.getKV().getValue();

    // Cut what must go: the value first (what is huge, as a rule), then the original headers,
    // then the key.
    List<String> cuts = new ArrayList<>(0);
    long over =
        length(key)
            + length(value)
            + length(original)
            + length(whyAndWhence)
            + TRUNCATION_ROOM
            - MAX_RECORD_BYTES;
    if (over > 0 && value != null) {
      int kept = (int) Math.max(0, value.length - over);
      cuts.add("value: first " + kept + " of " + value.length + " bytes");
      over -= value.length - kept;
      value = Arrays.copyOf(value, kept);
    }
    if (over > 0 && !original.isEmpty()) {
      cuts.add("original headers: all " + original.size() + " left out");
      over -= length(original);
      original = List.of();
    }
    if (over > 0 && key != null) {
      int kept = (int) Math.max(0, key.length - over);
      cuts.add("key: first " + kept + " of " + key.length + " bytes");
      key = Arrays.copyOf(key, kept);
    }

    RecordHeaders headers = new RecordHeaders();
    original.forEach(headers::add);
    whyAndWhence.forEach(headers::add);
    if (!cuts.isEmpty()) {
      headers.add(
          DeadLetterHeaders.TRUNCATED,
          utf8(String.join("; ", cuts) + "; the whole record is at dlq.source.*"));
    }
    return new ProducerRecord<>(topic, null, null, key, value, headers);
  }

  private static long length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static long length(List<Header> headers) {
    long length = 0;
    for (Header header : headers) {
      length += utf8(header.key()).length + length(header.value());
    }
    return length;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
