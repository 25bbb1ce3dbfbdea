package dev.visitstream.pipeline.transactions;

import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records to be written in one Kafka transaction, as the bytes of a single element of KafkaIO's
 * exactly-once sink ({@link WriteInTransactions}): each record keeps its key, value and headers.
 */
final class RecordBatch {

  private static final Coder<List<ProducerRecord<byte[], byte[]>>> CODER =
      ListCoder.of(
          ProducerRecordCoder.of(
              NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of())));

  private RecordBatch() {}

  static byte[] encode(List<ProducerRecord<byte[], byte[]>> records) {
    try {
      return CoderUtils.encodeToByteArray(CODER, records);
    } catch (CoderException e) {
      throw new IllegalArgumentException("a record batch cannot be encoded: " + e.getMessage(), e);
    }
  }

  static List<ProducerRecord<byte[], byte[]>> decode(byte[] batch) {
    try {
      return CoderUtils.decodeFromByteArray(CODER, batch);
    } catch (CoderException e) {
      throw new IllegalArgumentException("not a record batch: " + e.getMessage(), e);
    }
  }
}
