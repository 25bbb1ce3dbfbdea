package dev.visitstream.pipeline.deadletter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecordCoder;

/**
 * A record that could not be processed, kept whole (original key, value, headers, coordinates) so
 * that website-dlq receives exactly the bytes that arrived, plus the reason.
 */
public final class DeadLetter implements Serializable {
  private static final long serialVersionUID = 1L;

  private final KafkaRecord<byte[], byte[]> record;
  private final String reason;

  public DeadLetter(KafkaRecord<byte[], byte[]> record, String reason) {
    this.record = Objects.requireNonNull(record);
    this.reason = Objects.requireNonNull(reason);
  }

  public KafkaRecord<byte[], byte[]> record() {
    return record;
  }

  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof DeadLetter)) {
      return false;
    }
    DeadLetter that = (DeadLetter) other;
    return record.equals(that.record) && reason.equals(that.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(record, reason);
  }

  @Override
  public String toString() {
    return "DeadLetter{"
        + record.getTopic()
        + "/"
        + record.getPartition()
        + "@"
        + record.getOffset()
        + ": "
        + reason
        + "}";
  }

  public static Coder<DeadLetter> coder() {
    return DeadLetterCoder.INSTANCE;
  }

  private static final class DeadLetterCoder extends CustomCoder<DeadLetter> {
    private static final long serialVersionUID = 1L;
    static final DeadLetterCoder INSTANCE = new DeadLetterCoder();

    private static final Coder<KafkaRecord<byte[], byte[]>> RECORD =
        KafkaRecordCoder.of(
            NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of()));
    private static final Coder<String> REASON = StringUtf8Coder.of();

    @Override
    public void encode(DeadLetter value, OutputStream out) throws IOException {
      RECORD.encode(value.record, out);
      REASON.encode(value.reason, out);
    }

    @Override
    public DeadLetter decode(InputStream in) throws IOException {
      return new DeadLetter(RECORD.decode(in), REASON.decode(in));
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      RECORD.verifyDeterministic();
    }
  }
}
