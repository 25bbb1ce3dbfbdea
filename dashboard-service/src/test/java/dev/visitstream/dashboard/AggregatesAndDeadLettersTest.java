package dev.visitstream.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visitstream.broker.KafkaBrokerTestResource;
import dev.visitstream.dashboard.SseClient.Message;
import dev.visitstream.visit.DeadLetterHeaders;
import dev.visitstream.visit.VisitTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aggregates stream (own counts + website-stats) and the dead-letter stream (website-dlq). */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class AggregatesAndDeadLettersTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Topics topics = new Topics();

  @TestHTTPResource("/")
  URL base;

  @BeforeEach
  void dashboardIsReadingAllThreeTopics() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        given()
                            .get("/api/status")
                            .jsonPath()
                            .getList("assigned_partitions", String.class))
                    .anyMatch(p -> p.startsWith("website-out-"))
                    .anyMatch(p -> p.startsWith("website-stats-"))
                    .anyMatch(p -> p.startsWith("website-dlq-")));
  }

  @AfterAll
  static void closeProducer() {
    topics.close();
  }

  @Test
  void deadLettersArriveWithTheirReasonAndSource() throws Exception {
    String marker = UUID.randomUUID().toString();
    try (SseClient client =
        SseClient.connect(base.getPort(), "/api/stream/dead-letters?history=0")) {
      assertThat(client.next(WAIT).event()).isEqualTo("hello");
      // consumers start at "latest": keep sending until the first one is seen
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                topics.raw(
                    VisitTopics.DEAD_LETTERS,
                    "k-" + marker,
                    "{\"lat\":\"north\",\"marker\":\"" + marker + "\"}",
                    Map.of(
                        DeadLetterHeaders.REASON, "field 'lat' is not a number: \"north\"",
                        DeadLetterHeaders.SOURCE_TOPIC, VisitTopics.VISITS,
                        DeadLetterHeaders.SOURCE_PARTITION, "2",
                        DeadLetterHeaders.SOURCE_OFFSET, "4711"));
                topics.flush();
                return given().get("/api/dead-letters?limit=5").asString().contains(marker);
              });

      List<Message> taken =
          client.until(x -> x.event().equals("dead-letter") && x.data().contains(marker), WAIT);
      Message m = taken.get(taken.size() - 1);
      JsonNode d = m.json();
      assertThat(d.get("reason").asText()).isEqualTo("field 'lat' is not a number: \"north\"");
      assertThat(d.get("source_topic").asText()).isEqualTo(VisitTopics.VISITS);
      assertThat(d.get("source_partition").asText()).isEqualTo("2");
      assertThat(d.get("source_offset").asText()).isEqualTo("4711");
      assertThat(d.get("value").asText()).contains(marker);
      assertThat(m.idAsLong()).isEqualTo(d.get("seq").asLong());
    }
    given().get("/api/dead-letters?limit=0").then().statusCode(400);
    given()
        .get("/api/dead-letters?limit=abc")
        .then()
        .statusCode(400)
        .body("error", containsString("'limit'"));
  }

  @Test
  void theStatsStreamCountsEventsAndShowsThePipelineWindows() throws Exception {
    String user = "stats-" + UUID.randomUUID();
    long window = System.currentTimeMillis() / 10_000 * 10_000 - 3_600_000;
    try (SseClient client = SseClient.connect(base.getPort(), "/api/stream/stats")) {
      assertThat(client.next(WAIT).event()).isEqualTo("hello");
      long before = given().get("/api/stats").jsonPath().getLong("events.total");
      for (int i = 0; i < 30; i++) {
        topics.visit(user, v -> v.put("http_response", 418).put("age_bracket", "stats-test"));
      }
      topics.raw(VisitTopics.OUT, "k", "this is not JSON", Map.of());
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                topics.raw(
                    VisitTopics.STATS,
                    "k",
                    "{\"window_start\":"
                        + window
                        + ",\"window_end\":"
                        + (window + 10_000)
                        + ",\"dimension\":\"http_response\",\"value\":\"418\",\"events\":30,\"bytes\":9000,"
                        + "\"distinct_users\":1}",
                    Map.of());
                topics.flush();
                return given().get("/api/stats").asString().contains("\"window_start\":" + window);
              });

      JsonNode stats =
          client
              .until(
                  m ->
                      m.event().equals("stats")
                          && m.json().get("events").get("total").asLong() >= before + 30
                          && m.data().contains("\"window_start\":" + window),
                  WAIT)
              .stream()
              .reduce((a, b) -> b)
              .orElseThrow()
              .json();
      assertThat(find(stats.get("by_response"), "code", "418").get("count").asLong()).isEqualTo(30);
      assertThat(find(stats.get("by_age"), "bracket", "stats-test").get("count").asLong())
          .isEqualTo(30);
      assertThat(stats.get("delivery").get("events_rejected").asLong()).isPositive();
      assertThat(stats.get("rate_history").get("per_second")).hasSize(300);
      JsonNode w =
          List.copyOf(iterable(stats.get("pipeline").get("windows"))).stream()
              .filter(x -> x.get("window_start").asLong() == window)
              .findFirst()
              .orElseThrow();
      assertThat(w.get("http_response").get("418").get("events").asLong()).isEqualTo(30);
    }
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (n.get(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no " + field + "=" + value + " in " + array);
  }

  private static List<JsonNode> iterable(JsonNode array) {
    List<JsonNode> list = new java.util.ArrayList<>();
    array.forEach(list::add);
    return list;
  }
}
