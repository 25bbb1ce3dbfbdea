package dev.visitstream.pipeline;

import dev.visitstream.visit.VisitTopics;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A website-visit record as KafkaIO hands it to the job, around a value that tests build with
 * {@link dev.visitstream.visit.testing.SampleVisit} or write by hand.
 */
public final class TestVisit {

  private TestVisit() {}

  public static KafkaRecord<byte[], byte[]> record(long offset, String key, String value) {
    return new KafkaRecord<>(
        VisitTopics.VISITS,
        0,
        offset,
        1_000L + offset,
        KafkaTimestampType.CREATE_TIME,
        new RecordHeaders(),
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }
}
