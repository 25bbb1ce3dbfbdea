package dev.visitstream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.pipeline.stats.WindowStats;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.VisitFieldType;
import dev.visitstream.visit.testing.SampleVisit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A run of website-visit traffic in event-time order, with a bad record every so often, and what
 * the job must make of it: the website-out records, the dead letters and the window stats.
 */
final class VisitTraffic {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int[] RESPONSES = {200, 200, 200, 200, 304, 404, 500};
  private static final String[] AGES = {"18-25", "26-40", "41-55", "56-70"};
  private static final String[] BAD_VALUES = {
    "{not json", "[\"an\", \"array\"]", "{\"ip\": \"203.0.113.9\"}", null, "",
  };

  final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
  final List<SampleVisit> good = new ArrayList<>();
  final List<ProducerRecord<byte[], byte[]>> bad = new ArrayList<>();

  /**
   * @param count records in all
   * @param firstEventTs event_ts of the first record; each next one is {@code stepMillis} later
   * @param badEvery every n-th record is not a valid visit (of several kinds)
   */
  static VisitTraffic generate(
      int count, long firstEventTs, long stepMillis, int badEvery, long seed) {
    VisitTraffic traffic = new VisitTraffic();
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      String user = "user-" + random.nextInt(150);
      long eventTs = firstEventTs + i * stepMillis;
      if (i % badEvery == badEvery - 1) {
        traffic.addBad(user, i / badEvery, eventTs);
        continue;
      }
      SampleVisit visit =
          SampleVisit.of(user, eventTs)
              .with(VisitField.HTTP_RESPONSE, RESPONSES[random.nextInt(RESPONSES.length)])
              .with(VisitField.AGE_BRACKET, AGES[Math.floorMod(user.hashCode(), AGES.length)])
              .with(VisitField.FILE_SIZE_BYTES, 100 + random.nextInt(50_000));
      if (i % 7 == 0) {
        visit.with(VisitField.LAT, "").with(VisitField.LNG, "");
      } else if (i % 11 == 0) {
        visit.without(VisitField.LAT).without(VisitField.LNG);
      }
      traffic.addGood(visit);
    }
    return traffic;
  }

  void addGood(SampleVisit visit) {
    good.add(visit);
    records.add(new ProducerRecord<>("", null, utf8(visit.id()), visit.bytes()));
  }

  private void addBad(String user, int n, long eventTs) {
    String value;
    int kind = n % (BAD_VALUES.length + 2);
    if (kind < BAD_VALUES.length) {
      value = BAD_VALUES[kind];
    } else if (kind == BAD_VALUES.length) {
      value = SampleVisit.of(user, eventTs).with(VisitField.HTTP_RESPONSE, "OK").json();
    } else {
      value =
          SampleVisit.of(user, eventTs).with(VisitField.LAT, "north").without(VisitField.ID).json();
    }
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>("", null, utf8(user), value == null ? null : utf8(value));
    bad.add(record);
    records.add(record);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static JsonNode json(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    return json(utf8(text));
  }

  /** The website-out key of a good visit. */
  static String outKey(SampleVisit visit) {
    return visit.outKey();
  }

  /** The website-out value of a good visit: every field, a position -1 where it came "" or not. */
  static JsonNode outValue(SampleVisit visit) {
    Map<String, Object> value = new LinkedHashMap<>();
    for (VisitField field : VisitField.ALL) {
      Object v = visit.get(field);
      if (field.type() == VisitFieldType.POSITION && (v == null || "".equals(v))) {
        v = VisitFieldType.NO_POSITION;
      }
      value.put(field.jsonName(), v);
    }
    try {
      return json(MAPPER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final long WINDOW_MILLIS = WindowStats.WINDOW.getMillis();

  /** The website-stats records of the good visits, by key: one per (window, dimension, value). */
  static Map<JsonNode, JsonNode> expectedStats(List<SampleVisit> visits) {
    Map<String, long[]> totals = new LinkedHashMap<>();
    Map<String, Set<String>> users = new HashMap<>();
    for (SampleVisit visit : visits) {
      long windowStart = Math.floorDiv(visit.eventTs(), WINDOW_MILLIS) * WINDOW_MILLIS;
      String[][] dims = {
        {"total", "all"},
        {"http_response", String.valueOf(visit.get(VisitField.HTTP_RESPONSE))},
        {"age_bracket", (String) visit.get(VisitField.AGE_BRACKET)},
      };
      for (String[] dim : dims) {
        String key = windowStart + "|" + dim[0] + "|" + dim[1];
        long[] t = totals.computeIfAbsent(key, k -> new long[2]);
        t[0]++;
        t[1] += ((Number) visit.get(VisitField.FILE_SIZE_BYTES)).longValue();
        users.computeIfAbsent(key, k -> new HashSet<>()).add(visit.id());
      }
    }
    Map<JsonNode, JsonNode> expected = new HashMap<>();
    totals.forEach(
        (key, t) -> {
          String[] parts = key.split("\\|");
          long start = Long.parseLong(parts[0]);
          expected.put(
              json(
                  "{\"window_start\":"
                      + start
                      + ",\"dimension\":\""
                      + parts[1]
                      + "\",\"value\":\""
                      + parts[2]
                      + "\"}"),
              json(
                  "{\"window_start\":"
                      + start
                      + ",\"window_end\":"
                      + (start + WINDOW_MILLIS)
                      + ",\"dimension\":\""
                      + parts[1]
                      + "\",\"value\":\""
                      + parts[2]
                      + "\",\"events\":"
                      + t[0]
                      + ",\"bytes\":"
                      + t[1]
                      + ",\"distinct_users\":"
                      + users.get(key).size()
                      + "}"));
        });
    return expected;
  }
}
