package dev.visitstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class WriteDeadLettersTest {

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void aDeadLetterKeepsTheOriginalBytesAndHeadersAndSaysWhyAndWhence() {
    RecordHeaders original = new RecordHeaders();
    original.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
    original.add("empty", null);
    byte[] key = {1, 2, 3};
    byte[] value = {(byte) 0xff, '{', 'x'};
    KafkaRecord<byte[], byte[]> source =
        new KafkaRecord<>("website-visit", 2, 417L, 5L, KafkaTimestampType.CREATE_TIME, original, key, value);

    ProducerRecord<byte[], byte[]> record =
        WriteDeadLetters.record(new DeadLetter(source, "malformed JSON: x"), "website-dlq");

    assertThat(record.topic()).isEqualTo("website-dlq");
    assertThat(record.key()).isEqualTo(key);
    assertThat(record.value()).isEqualTo(value);
    assertThat(header(record, "trace")).isEqualTo("abc");
    assertThat(record.headers().lastHeader("empty").value()).isEmpty();
    assertThat(header(record, "dlq.reason")).isEqualTo("malformed JSON: x");
    assertThat(header(record, "dlq.source.topic")).isEqualTo("website-visit");
    assertThat(header(record, "dlq.source.partition")).isEqualTo("2");
    assertThat(header(record, "dlq.source.offset")).isEqualTo("417");
  }

  @Test
  void aTombstoneStaysATombstone() {
    KafkaRecord<byte[], byte[]> source =
        new KafkaRecord<>("website-visit", 0, 1L, 5L, KafkaTimestampType.CREATE_TIME, null, null, null);

    ProducerRecord<byte[], byte[]> record =
        WriteDeadLetters.record(new DeadLetter(source, "record has no value"), "website-dlq");

    assertThat(record.key()).isNull();
    assertThat(record.value()).isNull();
    assertThat(header(record, "dlq.reason")).isEqualTo("record has no value");
  }
}
