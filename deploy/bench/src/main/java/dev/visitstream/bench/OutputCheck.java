package dev.visitstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.visit.DeadLetterHeaders;
import dev.visitstream.visit.OutRecordKey;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.VisitFieldType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads what a variant wrote, after it stopped (so not while it is timed), and checks it against
 * the contract: website-out keys {"event_id","event_ts"} that match their value, values with the
 * contract's fields and numeric positions; dead letters with their dlq.* headers. The digest is a
 * sum of one hash per output record over its parsed fields, independent of order and of JSON number
 * formatting, over distinct keys: variants that did the same transformation of the same input have
 * the same digest.
 */
final class OutputCheck {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] HEADERS = {
    DeadLetterHeaders.REASON,
    DeadLetterHeaders.SOURCE_TOPIC,
    DeadLetterHeaders.SOURCE_PARTITION,
    DeadLetterHeaders.SOURCE_OFFSET
  };

  /** Values go into the digest by type, then in contract order. */
  private static final VisitFieldType[] CANONICAL_ORDER = {
    VisitFieldType.TEXT,
    VisitFieldType.POSITION,
    VisitFieldType.INT,
    VisitFieldType.BIGINT,
    VisitFieldType.BOOLEAN
  };

  record Report(
      long outputRecords,
      long distinctKeys,
      long badOutputs,
      long deadLetters,
      long distinctDeadLetters,
      long deadLettersWithoutHeaders,
      long digest,
      String example) {

    long duplicates() {
      return outputRecords - distinctKeys + deadLetters - distinctDeadLetters;
    }

    boolean matches(Preload.Input input, boolean withDeadLetters) {
      return distinctKeys == input.valid()
          && badOutputs == 0
          && (!withDeadLetters
              || (distinctDeadLetters == input.malformed() && deadLettersWithoutHeaders == 0));
    }

    String summary() {
      return String.format(
          "%,d outputs (%,d distinct, %,d bad), %,d dead letters (%,d distinct, %,d without"
              + " dlq.* headers), digest %016x",
          outputRecords,
          distinctKeys,
          badOutputs,
          deadLetters,
          distinctDeadLetters,
          deadLettersWithoutHeaders,
          digest);
    }
  }

  private OutputCheck() {}

  static Report read(String bootstrapServers, String outputTopic, String deadLetterTopic) {
    try (KafkaConsumer<byte[], byte[]> consumer = OutputWatch.consumer(bootstrapServers)) {
      Set<String> keys = new HashSet<>();
      long[] counts = new long[2];
      long[] digest = {0};
      String[] example = {null};
      readAll(
          consumer,
          outputTopic,
          record -> {
            counts[0]++;
            String key =
                record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
            boolean first = keys.add(key);
            Long hash = hashOf(record.key(), record.value());
            if (hash == null) {
              counts[1]++;
              if (example[0] == null) {
                example[0] =
                    key
                        + " -> "
                        + (record.value() == null
                            ? "null"
                            : new String(record.value(), StandardCharsets.UTF_8));
              }
            } else if (first) {
              digest[0] += hash;
            }
          });
      Set<String> sources = new HashSet<>();
      long[] dead = new long[2];
      readAll(
          consumer,
          deadLetterTopic,
          record -> {
            dead[0]++;
            for (String name : HEADERS) {
              Header header = record.headers().lastHeader(name);
              if (header == null || header.value() == null || header.value().length == 0) {
                dead[1]++;
                return;
              }
            }
            sources.add(
                text(record, "dlq.source.partition") + ":" + text(record, "dlq.source.offset"));
          });
      return new Report(
          counts[0],
          keys.size(),
          counts[1],
          dead[0],
          sources.size(),
          dead[1],
          digest[0],
          example[0]);
    }
  }

  private static String text(ConsumerRecord<byte[], byte[]> record, String header) {
    return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
  }

  private static void readAll(
      KafkaConsumer<byte[], byte[]> consumer,
      String topic,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
    List<TopicPartition> partitions = OutputWatch.partitions(consumer, topic);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    long deadline = System.currentTimeMillis() + 300_000;
    while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("reading " + topic + " took over 5 minutes");
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        each.accept(record);
      }
    }
  }

  /** Null when the record breaks the website-out contract. */
  static Long hashOf(byte[] keyBytes, byte[] valueBytes) {
    try {
      JsonNode key = keyBytes == null ? null : MAPPER.readTree(keyBytes);
      JsonNode value = valueBytes == null ? null : MAPPER.readTree(valueBytes);
      if (key == null
          || value == null
          || !key.isObject()
          || !value.isObject()
          || key.size() != 2
          || value.size() != VisitField.ALL.length) {
        return null;
      }
      StringBuilder canonical = new StringBuilder(512);
      for (VisitFieldType type : CANONICAL_ORDER) {
        for (VisitField visitField : VisitField.ALL) {
          if (visitField.type() != type) {
            continue;
          }
          JsonNode field = value.get(visitField.jsonName());
          if (field == null) {
            return null;
          }
          switch (type) {
            case TEXT:
              if (!field.isTextual()) {
                return null;
              }
              canonical.append(field.textValue());
              break;
            case POSITION:
              if (!field.isNumber()) {
                return null;
              }
              canonical.append(field.doubleValue());
              break;
            case BOOLEAN:
              if (!field.isBoolean()) {
                return null;
              }
              canonical.append(field.booleanValue());
              break;
            default:
              if (!field.isIntegralNumber()) {
                return null;
              }
              canonical.append(field.longValue());
          }
          canonical.append('\u0000');
        }
      }
      JsonNode eventId = key.get(OutRecordKey.EVENT_ID);
      JsonNode eventTs = key.get(OutRecordKey.EVENT_TS);
      if (eventId == null
          || eventTs == null
          || !eventId.asText().equals(value.get(VisitField.ID.jsonName()).textValue())
          || !eventTs.isIntegralNumber()
          || eventTs.longValue() != value.get(VisitField.EVENT_TS.jsonName()).longValue()) {
        return null;
      }
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return ByteBuffer.wrap(md5.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)))
          .getLong();
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
