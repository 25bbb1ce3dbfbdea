package dev.visitstream.pipeline.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.visitstream.pipeline.parse.VisitJson;
import dev.visitstream.visit.VisitField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Event time for one website-visit partition: a record's timestamp is its event_ts, and the
 * watermark is {@code min(now, newest event_ts) - maxDelay}; an idle partition (nothing left to
 * read) moves its watermark to {@code now - maxDelay}.
 *
 * <p>This is the rule of Beam's {@code CustomTimestampPolicyWithLimitedDelay}, with two changes
 * that matter for a topic carrying bad records: a record whose event_ts cannot be read takes the
 * newest event time seen so far, so it neither moves the watermark nor gets a made-up time; and a
 * partition that never had a record does not hold the watermark back for ever once it is idle
 * (Beam's policy waits for a first record, so one empty partition stopped every stats window).
 */
public final class EventTimePolicy extends TimestampPolicy<byte[], byte[]> {

  private static final JsonFactory JSON = new JsonFactory();

  private static final String EVENT_TS = VisitField.EVENT_TS.jsonName();

  /** How a visit in contract order ends, before the digits of event_ts and the '}'. */
  private static final byte[] LAST_MEMBER =
      (",\"" + EVENT_TS + "\":").getBytes(StandardCharsets.US_ASCII);

  /** {@link VisitJson#MAX_EVENT_TS} has 15 digits; a longer number is left to the scan. */
  private static final int MAX_DIGITS = 15;

  private final Duration maxDelay;
  private Instant newestEventTime;

  EventTimePolicy(Duration maxDelay, Optional<Instant> previousWatermark) {
    this.maxDelay = maxDelay;
    // Resume where the checkpointed watermark was, as Beam's policy does.
    this.newestEventTime =
        previousWatermark.orElse(BoundedWindow.TIMESTAMP_MIN_VALUE).plus(maxDelay);
  }

  public static TimestampPolicyFactory<byte[], byte[]> factory(Duration maxDelay) {
    return new Factory(maxDelay);
  }

  /**
   * A named class, not a lambda: the factory is Java-serialized into every savepoint with the Kafka
   * source, and a lambda's serialized form changes with the code around it.
   */
  private static final class Factory implements TimestampPolicyFactory<byte[], byte[]> {
    private static final long serialVersionUID = 1L;
    private final Duration maxDelay;

    Factory(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    @Override
    public TimestampPolicy<byte[], byte[]> createTimestampPolicy(
        TopicPartition partition, Optional<Instant> previousWatermark) {
      return new EventTimePolicy(maxDelay, previousWatermark);
    }
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<byte[], byte[]> record) {
    Long eventTs = readEventTs(record.getKV().getValue());
    if (eventTs == null) {
      return newestEventTime;
    }
    Instant eventTime = new Instant(eventTs);
    if (eventTime.isAfter(newestEventTime)) {
      newestEventTime = eventTime;
    }
    return eventTime;
  }

  @Override
  public Instant getWatermark(PartitionContext ctx) {
    return watermark(ctx, Instant.now());
  }

  Instant watermark(PartitionContext ctx, Instant now) {
    if (newestEventTime.isAfter(now)) {
      return now.minus(maxDelay); // event_ts in the future: trust the clock instead
    }
    Instant idleWatermark = ctx.getBacklogCheckTime().minus(maxDelay);
    if (ctx.getMessageBacklog() == 0 && idleWatermark.isAfter(newestEventTime)) {
      return idleWatermark;
    }
    return newestEventTime.minus(maxDelay);
  }

  /**
   * event_ts of a visit value, or null when it has none that {@link VisitJson} would accept. A
   * visit that ends in {@code ,"event_ts":<digits>}} (the contract's field order, {@link
   * VisitField}) is read from its last bytes, so that the common case costs no second scan on top
   * of the record's parse; any other value by a streaming scan of the top level.
   */
  static Long readEventTs(byte[] value) {
    if (value == null) {
      return null;
    }
    long last = eventTsAtEnd(value);
    if (last >= 0) {
      return VisitJson.isValidEventTs(last) ? last : null;
    }
    return scanForEventTs(value);
  }

  /**
   * The value of a last top-level member event_ts written without spaces, or -1 when the value does
   * not end that way. In a JSON object, {@code ,"event_ts":123}} at its very end can only be its
   * last member: the comma before the quote means the quote opens a name. A value that only ends
   * like a visit is no visit, and ParseVisit sends it to the dead letters all the same.
   */
  private static long eventTsAtEnd(byte[] value) {
    int end = value.length - 1;
    if (end < 1 || value[0] != '{' || value[end] != '}') {
      return -1;
    }
    int first = end;
    while (first > 0 && value[first - 1] >= '0' && value[first - 1] <= '9') {
      first--;
    }
    int digits = end - first;
    if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && value[first] == '0')) {
      return -1; // JSON has no leading zeros; the scan decides what such a value holds
    }
    int name = first - LAST_MEMBER.length;
    if (name < 1 || !Arrays.equals(value, name, first, LAST_MEMBER, 0, LAST_MEMBER.length)) {
      return -1;
    }
    long eventTs = 0;
    for (int i = first; i < end; i++) {
      eventTs = eventTs * 10 + (value[i] - '0');
    }
    return eventTs;
  }

  private static Long scanForEventTs(byte[] value) {
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken token = parser.nextToken();
          token == JsonToken.FIELD_NAME;
          token = parser.nextToken()) {
        String name = parser.getCurrentName();
        JsonToken valueToken = parser.nextToken();
        if (EVENT_TS.equals(name)) {
          if (valueToken != JsonToken.VALUE_NUMBER_INT
              || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return null;
          }
          long eventTs = parser.getLongValue();
          return VisitJson.isValidEventTs(eventTs) ? eventTs : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException malformed) {
      return null;
    }
  }
}
