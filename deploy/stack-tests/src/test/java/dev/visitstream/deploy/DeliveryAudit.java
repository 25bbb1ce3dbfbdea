package dev.visitstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.visit.DeadLetterHeaders;
import dev.visitstream.visit.OutRecordKey;
import dev.visitstream.visit.VisitTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * An outside checker's account of the stream: website-visit is the truth (every record the broker
 * holds, whoever sent it and whatever the generator's own counters say); each good record must be
 * in website-out under its key {OutRecordKey.EVENT_ID,"event_ts"}, each malformed one in
 * website-dlq under its source position. At least once: a record may appear more than once (a
 * duplicate), never zero times (lost). The key is not unique (a user may visit twice in a
 * millisecond), so keys are compared by how often they occur.
 */
final class DeliveryAudit {

  static final String FLAW_HEADER = "visit-stream.flaw";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Source positions "partition@offset" of the good records, by output key. */
  final Map<String, List<String>> goodKeys = new HashMap<>();

  final Map<String, Long> outCounts = new HashMap<>();

  /**
   * Positions "partition@offset" of the malformed records, and how often each was dead-lettered.
   */
  final Map<String, Long> badPositions = new HashMap<>();

  final Map<String, Long> letterCounts = new HashMap<>();
  long good;
  long bad;

  static DeliveryAudit read(String bootstrapServers) {
    DeliveryAudit audit = new DeliveryAudit();
    for (ConsumerRecord<byte[], byte[]> visit :
        TopicRecords.read(bootstrapServers, VisitTopics.VISITS, Map.of())) {
      if (header(visit, FLAW_HEADER) != null) {
        audit.bad++;
        audit.badPositions.put(visit.partition() + "@" + visit.offset(), 0L);
      } else {
        audit.good++;
        JsonNode value = json(visit.value());
        String key = key(value.path("id").asText(), value.path("event_ts").asLong());
        audit
            .goodKeys
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(visit.partition() + "@" + visit.offset());
      }
    }
    for (ConsumerRecord<byte[], byte[]> out :
        TopicRecords.read(bootstrapServers, VisitTopics.OUT, Map.of())) {
      JsonNode key = json(out.key());
      audit.outCounts.merge(
          key(key.path(OutRecordKey.EVENT_ID).asText(), key.path("event_ts").asLong()),
          1L,
          Long::sum);
    }
    for (ConsumerRecord<byte[], byte[]> letter :
        TopicRecords.read(bootstrapServers, VisitTopics.DEAD_LETTERS, Map.of())) {
      if (VisitTopics.VISITS.equals(header(letter, DeadLetterHeaders.SOURCE_TOPIC))) {
        audit.letterCounts.merge(
            header(letter, DeadLetterHeaders.SOURCE_PARTITION)
                + "@"
                + header(letter, DeadLetterHeaders.SOURCE_OFFSET),
            1L,
            Long::sum);
      }
    }
    return audit;
  }

  long checked() {
    return good + bad;
  }

  long lostGood() {
    return goodKeys.entrySet().stream()
        .mapToLong(e -> Math.max(0, e.getValue().size() - outCounts.getOrDefault(e.getKey(), 0L)))
        .sum();
  }

  long lostBad() {
    return badPositions.keySet().stream().filter(p -> !letterCounts.containsKey(p)).count();
  }

  long lost() {
    return lostGood() + lostBad();
  }

  long duplicateGood() {
    return goodKeys.entrySet().stream()
        .mapToLong(e -> Math.max(0, outCounts.getOrDefault(e.getKey(), 0L) - e.getValue().size()))
        .sum();
  }

  long duplicateBad() {
    return letterCounts.values().stream().mapToLong(n -> n - 1).sum();
  }

  long duplicates() {
    return duplicateGood() + duplicateBad();
  }

  /** Output keys and dead letters that match no record of website-visit (must be none). */
  long unexpected() {
    return outCounts.keySet().stream().filter(k -> !goodKeys.containsKey(k)).count()
        + letterCounts.keySet().stream().filter(p -> !badPositions.containsKey(p)).count();
  }

  /**
   * Source positions ("partition@offset") of the records that were written more than once: for a
   * good key written n times too often, its n last positions (the copies are indistinguishable).
   */
  List<String> duplicatedPositions() {
    List<String> positions = new ArrayList<>();
    goodKeys.forEach(
        (key, sources) -> {
          long extra = outCounts.getOrDefault(key, 0L) - sources.size();
          for (int i = sources.size() - 1; i >= 0 && extra > 0; i--, extra--) {
            positions.add(sources.get(i));
          }
        });
    letterCounts.forEach(
        (position, count) -> {
          for (long i = 1; i < count; i++) {
            positions.add(position);
          }
        });
    return positions;
  }

  String summary() {
    return String.format(
        "records checked %d (%d good, %d malformed), lost %d (good %d, malformed %d), "
            + "duplicates %d (good %d, malformed %d), unexpected %d",
        checked(),
        good,
        bad,
        lost(),
        lostGood(),
        lostBad(),
        duplicates(),
        duplicateGood(),
        duplicateBad(),
        unexpected());
  }

  private static String key(String eventId, long eventTs) {
    return eventId + "@" + eventTs;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
    }
  }
}
