package dev.visitstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.visit.DeadLetterHeaders;
import dev.visitstream.visit.OutRecordKey;
import dev.visitstream.visit.VisitTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole chain on the real local stack: deploy/stack starts Kafka, a Flink session cluster, both
 * services and submits the job; the generator, driven through its API, sends a known number of
 * visits with malformed ones among them; every good one must reach the dashboard's live stream and
 * website-out under the key {OutRecordKey.EVENT_ID,"event_ts"}, every bad one website-dlq and the
 * dashboard's dead letters, and none may be lost. The stack is torn down also when this fails.
 */
class EndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VISITS = 3_000;
  private static final String FLAW_HEADER = "visit-stream.flaw";
  private static final Duration DELIVERY = Duration.ofMinutes(2);

  static LocalStack stack;
  static String generator;
  static String dashboard;
  static String bootstrapServers;

  @BeforeAll
  static void upTheWholeStack() throws Exception {
    stack = LocalStack.create("e2e-", 23000, 23500, 24000, 24500);
    generator = "http://localhost:" + stack.port(8080);
    dashboard = "http://localhost:" + stack.port(8082);
    bootstrapServers = "localhost:" + stack.port(9092);
    stack.up();
  }

  @AfterAll
  static void downTheWholeStack() throws Exception {
    if (stack != null) {
      stack.tearDown();
    }
  }

  @Test
  void everyGoodVisitReachesTheDashboardUnderItsKeyAndEveryBadOneTheDeadLetters() throws Exception {
    Polling.awaitTrue(
        "the dashboard owns every partition of website-out and website-dlq",
        Duration.ofSeconds(60),
        () ->
            assignedPartitions()
                .containsAll(
                    Set.of(
                        VisitTopics.OUT + "-0",
                        VisitTopics.OUT + "-1",
                        VisitTopics.OUT + "-2",
                        VisitTopics.DEAD_LETTERS + "-0",
                        VisitTopics.DEAD_LETTERS + "-1",
                        VisitTopics.DEAD_LETTERS + "-2")));
    Map<TopicPartition, Long> before =
        TopicRecords.endOffsets(bootstrapServers, VisitTopics.VISITS);

    try (SseStream live = SseStream.open(dashboard + "/api/stream/events");
        SseStream deadLetters = SseStream.open(dashboard + "/api/stream/dead-letters")) {

      sendThroughTheGeneratorApi();
      List<ConsumerRecord<byte[], byte[]>> sent =
          TopicRecords.read(bootstrapServers, VisitTopics.VISITS, before);
      assertThat(sent).as("records the generator acknowledged").hasSize(VISITS);
      List<ConsumerRecord<byte[], byte[]>> bad =
          sent.stream().filter(r -> header(r, FLAW_HEADER) != null).toList();
      List<JsonNode> good =
          sent.stream()
              .filter(r -> header(r, FLAW_HEADER) == null)
              .map(r -> json(r.value()))
              .toList();
      assertThat(bad).as("malformed records among them").isNotEmpty();
      // {OutRecordKey.EVENT_ID,"event_ts"} is the contract's key, not a unique one: a user may
      // visit twice in a millisecond
      Map<JsonNode, Long> expected =
          good.stream().collect(Collectors.groupingBy(EndToEndIT::keyOf, Collectors.counting()));

      // the dashboard's live stream: each good visit once, in frames with SSE ids
      Polling.awaitTrue(
          "every good visit on the dashboard's live stream",
          DELIVERY,
          () -> shownAtLeast(liveKeys(live), expected));
      Map<JsonNode, Long> onDashboard = liveKeys(live);
      expected.forEach(
          (key, count) ->
              assertThat(onDashboard.get(key)).as("times %s was shown", key).isEqualTo(count));
      assertThat(live.messages("events")).allSatisfy(frame -> assertThat(frame.id()).isNotBlank());

      // website-out: each good visit once, under {OutRecordKey.EVENT_ID,"event_ts"}, with every
      // field of the visit
      Map<JsonNode, List<ConsumerRecord<byte[], byte[]>>> out =
          TopicRecords.read(bootstrapServers, VisitTopics.OUT, Map.of()).stream()
              .collect(Collectors.groupingBy(r -> json(r.key())));
      for (JsonNode visit : good) {
        JsonNode key = keyOf(visit);
        assertThat(out.get(key))
            .as("website-out records under %s", key)
            .hasSize(expected.get(key).intValue());
        List<JsonNode> values = out.get(key).stream().map(r -> json(r.value())).toList();
        assertThat(values)
            .anySatisfy(
                value -> {
                  assertThat(fieldNames(value))
                      .containsExactlyInAnyOrderElementsOf(fieldNames(visit));
                  assertThat(value.get("user_agent")).isEqualTo(visit.get("user_agent"));
                  assertThat(value.get("http_request")).isEqualTo(visit.get("http_request"));
                  assertThat(value.get("lat").asDouble())
                      .isEqualTo(visit.get("lat").isTextual() ? -1 : visit.get("lat").asDouble());
                });
      }

      // website-dlq: each bad record once, its bytes and its source position, with a reason
      Map<String, List<ConsumerRecord<byte[], byte[]>>> letters =
          TopicRecords.read(bootstrapServers, VisitTopics.DEAD_LETTERS, Map.of()).stream()
              .filter(r -> VisitTopics.VISITS.equals(header(r, DeadLetterHeaders.SOURCE_TOPIC)))
              .collect(
                  Collectors.groupingBy(
                      r ->
                          header(r, DeadLetterHeaders.SOURCE_PARTITION)
                              + "@"
                              + header(r, DeadLetterHeaders.SOURCE_OFFSET)));
      for (ConsumerRecord<byte[], byte[]> record : bad) {
        String position = record.partition() + "@" + record.offset();
        assertThat(letters.get(position))
            .as("dead letters of website-visit %s (%s)", position, header(record, FLAW_HEADER))
            .hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = letters.get(position).get(0);
        assertThat(letter.value()).isEqualTo(record.value());
        assertThat(header(letter, DeadLetterHeaders.REASON)).isNotBlank();
      }

      // the dashboard's dead letters: each bad record, with its reason
      Set<String> badPositions =
          bad.stream().map(r -> r.partition() + "@" + r.offset()).collect(Collectors.toSet());
      Polling.awaitTrue(
          "every dead letter on the dashboard",
          DELIVERY,
          () -> deadLetterReasons(deadLetters).keySet().containsAll(badPositions));
      assertThat(deadLetterReasons(deadLetters))
          .allSatisfy((position, reason) -> assertThat(reason).isNotBlank());

      System.out.printf(
          "end to end: %d visits sent, %d good on the dashboard and in website-out, %d bad in "
              + "website-dlq and on the dashboard, 0 lost%n",
          sent.size(), good.size(), bad.size());
    }
  }

  private static void sendThroughTheGeneratorApi() throws Exception {
    var settings =
        Http.send(
            "PATCH",
            generator + "/generator/config",
            "{\"rate\": 1000, \"malformedShare\": 0.05, \"users\": 500, \"seed\": 20261124}");
    assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
    var send = Http.send("POST", generator + "/generator/send?count=" + VISITS, null);
    assertThat(send.statusCode()).as(send.body()).isEqualTo(202);
    Polling.awaitTrue(
        "the generator has every record acknowledged",
        Duration.ofSeconds(90),
        () -> {
          JsonNode run = json(Http.get(generator + "/generator")).path("run");
          JsonNode counts = run.path("counts");
          return counts.path("acked").path("total").asLong()
                      + counts.path("failed").path("total").asLong()
                  == VISITS
              && counts.path("inFlight").asLong() == 0;
        });
    JsonNode counts = json(Http.get(generator + "/generator")).path("run").path("counts");
    assertThat(counts.path("failed").path("total").asLong())
        .as("records the broker refused")
        .isZero();
  }

  private static Set<String> assignedPartitions() throws IOException, InterruptedException {
    Set<String> partitions = new HashSet<>();
    json(Http.get(dashboard + "/api/status"))
        .path("assigned_partitions")
        .forEach(p -> partitions.add(p.asText()));
    return partitions;
  }

  /**
   * How often each visit key ({OutRecordKey.EVENT_ID,"event_ts"}) appeared in the live stream's
   * frames.
   */
  private static Map<JsonNode, Long> liveKeys(SseStream live) {
    Map<JsonNode, Long> keys = new HashMap<>();
    for (SseStream.Message frame : live.messages("events")) {
      for (JsonNode event : json(frame.data()).path("events")) {
        keys.merge(keyOf(event), 1L, Long::sum);
      }
    }
    return keys;
  }

  private static boolean shownAtLeast(Map<JsonNode, Long> shown, Map<JsonNode, Long> expected) {
    return expected.entrySet().stream()
        .allMatch(e -> shown.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  /** Reason by source position "partition@offset" of the dead letters the dashboard streamed. */
  private static Map<String, String> deadLetterReasons(SseStream deadLetters) {
    return deadLetters.messages().stream()
        .map(message -> json(message.data()))
        .filter(letter -> letter.hasNonNull("source_offset"))
        .collect(
            Collectors.toMap(
                letter ->
                    letter.path("source_partition").asText()
                        + "@"
                        + letter.path("source_offset").asText(),
                letter -> letter.path("reason").asText(),
                (a, b) -> a));
  }

  private static JsonNode keyOf(JsonNode visit) {
    return JSON.createObjectNode()
        .put(OutRecordKey.EVENT_ID, visit.path("id").asText())
        .put("event_ts", visit.path("event_ts").asLong());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(byte[] bytes) {
    return json(new String(bytes, StandardCharsets.UTF_8));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }
}
