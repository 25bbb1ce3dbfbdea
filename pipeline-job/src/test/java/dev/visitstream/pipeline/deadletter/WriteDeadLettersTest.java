package dev.visitstream.pipeline.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
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
        new KafkaRecord<>(
            "website-visit", 2, 417L, 5L, KafkaTimestampType.CREATE_TIME, original, key, value);

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
        new KafkaRecord<>(
            "website-visit", 0, 1L, 5L, KafkaTimestampType.CREATE_TIME, null, null, null);

    ProducerRecord<byte[], byte[]> record =
        WriteDeadLetters.record(new DeadLetter(source, "record has no value"), "website-dlq");

    assertThat(record.key()).isNull();
    assertThat(record.value()).isNull();
    assertThat(header(record, "dlq.reason")).isEqualTo("record has no value");
  }

  private static long size(ProducerRecord<byte[], byte[]> record) {
    long size = (record.key() == null ? 0 : record.key().length) + record.value().length;
    for (Header header : record.headers()) {
      size += header.key().length() + header.value().length;
    }
    return size;
  }

  @Test
  void aValueTooLargeToWriteWholeIsCutToFitAndSaysSo() {
    byte[] value = new byte[3_000_000]; // came lz4-compressed into website-visit
    Arrays.fill(value, (byte) 'a');
    RecordHeaders original = new RecordHeaders();
    original.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
    KafkaRecord<byte[], byte[]> source =
        new KafkaRecord<>(
            "website-visit",
            1,
            9L,
            5L,
            KafkaTimestampType.CREATE_TIME,
            original,
            new byte[] {7},
            value);

    ProducerRecord<byte[], byte[]> record =
        WriteDeadLetters.record(
            new DeadLetter(source, "value is 3000000 bytes, more than ..."), "website-dlq");

    assertThat(size(record)).isLessThanOrEqualTo(WriteDeadLetters.MAX_RECORD_BYTES);
    assertThat(record.value()).hasSizeGreaterThan(990_000);
    assertThat(value).startsWith(record.value());
    assertThat(record.key()).isEqualTo(new byte[] {7});
    assertThat(header(record, "trace")).isEqualTo("abc");
    assertThat(header(record, "dlq.source.offset")).isEqualTo("9");
    assertThat(header(record, "dlq.truncated"))
        .isEqualTo(
            "value: first "
                + record.value().length
                + " of 3000000 bytes; the whole record is at dlq.source.*");
  }

  @Test
  void headersAndKeyGoWhenCuttingTheValueIsNotEnough() {
    RecordHeaders original = new RecordHeaders();
    original.add("big", new byte[700_000]);
    original.add("bigger", new byte[800_000]);
    KafkaRecord<byte[], byte[]> source =
        new KafkaRecord<>(
            "website-visit",
            0,
            3L,
            5L,
            KafkaTimestampType.CREATE_TIME,
            original,
            new byte[1_200_000],
            new byte[10]);

    ProducerRecord<byte[], byte[]> record =
        WriteDeadLetters.record(new DeadLetter(source, "field 'id' is missing"), "website-dlq");

    assertThat(size(record)).isLessThanOrEqualTo(WriteDeadLetters.MAX_RECORD_BYTES);
    assertThat(record.headers().lastHeader("big")).isNull();
    assertThat(header(record, "dlq.reason")).isEqualTo("field 'id' is missing");
    assertThat(header(record, "dlq.truncated"))
        .startsWith("value: first 0 of 10 bytes; original headers: all 2 left out; key: first ")
        .endsWith(" of 1200000 bytes; the whole record is at dlq.source.*");
  }

  @Test
  void aDeadLetterThatFitsIsNotMarkedTruncated() {
    KafkaRecord<byte[], byte[]> source =
        new KafkaRecord<>(
            "website-visit",
            0,
            1L,
            5L,
            KafkaTimestampType.CREATE_TIME,
            null,
            null,
            new byte[900_000]);

    ProducerRecord<byte[], byte[]> record =
        WriteDeadLetters.record(new DeadLetter(source, "value is 900000 bytes"), "website-dlq");

    assertThat(record.value()).hasSize(900_000);
    assertThat(record.headers().lastHeader("dlq.truncated")).isNull();
  }
}
