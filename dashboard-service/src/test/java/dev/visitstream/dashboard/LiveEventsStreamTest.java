package dev.visitstream.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visitstream.broker.KafkaBrokerTestResource;
import dev.visitstream.dashboard.SseClient.Message;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live events stream against a real broker. The test profile keeps 4096 events and lets a
 * client fall 1024 behind. Each test filters on user ids of its own, so tests never see each
 * other's events.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class LiveEventsStreamTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Topics topics = new Topics();

  @TestHTTPResource("/")
  URL base;

  @BeforeEach
  void dashboardIsReadingWebsiteOut() {
    await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
  }

  @AfterAll
  static void closeProducer() {
    topics.close();
  }

  @Test
  void recordsReachAClientInOrderWithTheirIds() throws Exception {
    String user = "order-" + UUID.randomUUID();
    try (SseClient client = SseClient.connect(port(), "/api/stream/events?user_id=" + user)) {
      assertThat(client.status()).isEqualTo(200);
      assertThat(client.header("content-type")).startsWith("text/event-stream");
      Message hello = client.next(WAIT);
      assertThat(hello.event()).isEqualTo("hello");
      assertThat(hello.json().get("filter").get("user_id").get(0).asText()).isEqualTo(user);

      for (int i = 0; i < 60; i++) {
        int n = i;
        topics.visit(user, v -> v.put("http_request", "GET page-" + n + ".html HTTP/1.0"));
      }
      topics.flush();

      List<JsonNode> events = new ArrayList<>();
      List<Message> frames = new ArrayList<>();
      collect(client, events, frames, 60);

      assertThat(events)
          .extracting(e -> e.get("http_request").asText())
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, 60)
                  .mapToObj(i -> "GET page-" + i + ".html HTTP/1.0")
                  .toList());
      assertThat(events).extracting(e -> e.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
      for (Message f : frames) {
        JsonNode data = f.json();
        assertThat(f.idAsLong())
            .as("a frame's SSE id is the last sequence it covers")
            .isEqualTo(data.get("to").asLong());
        for (JsonNode e : data.get("events")) {
          assertThat(e.get("seq").asLong()).isBetween(data.get("from").asLong(), f.idAsLong());
        }
      }
    }
  }

  @Test
  void aClientThatReconnectsWithLastEventIdGetsWhatItMissed() throws Exception {
    String user = "resume-" + UUID.randomUUID();
    long lastId;
    try (SseClient first = SseClient.connect(port(), "/api/stream/events?user_id=" + user)) {
      first.next(WAIT);
      sendNumbered(user, 0, 10);
      List<JsonNode> seen = new ArrayList<>();
      List<Message> frames = new ArrayList<>();
      collect(first, seen, frames, 10);
      lastId = frames.get(frames.size() - 1).idAsLong();
    }
    sendNumbered(user, 10, 25);

    try (SseClient again =
        SseClient.connect(
            port(),
            "/api/stream/events?user_id=" + user,
            Map.of("Last-Event-ID", Long.toString(lastId)),
            0,
            true)) {
      Message hello = again.next(WAIT);
      assertThat(hello.json().get("start").asLong()).isEqualTo(lastId + 1);
      List<JsonNode> resumed = new ArrayList<>();
      List<Message> frames = new ArrayList<>();
      collect(again, resumed, frames, 15);

      assertThat(frames).extracting(Message::event).doesNotContain("gap");
      assertThat(resumed)
          .extracting(e -> e.get("file_size_bytes").asInt())
          .containsExactlyElementsOf(java.util.stream.IntStream.range(10, 25).boxed().toList());
      assertThat(resumed.get(0).get("seq").asLong()).isGreaterThan(lastId);
    }
  }

  @Test
  void aClientWhoseMissedEventsAreGoneIsToldOfTheGap() throws Exception {
    String user = "gap-" + UUID.randomUUID();
    long lastId;
    try (SseClient first = SseClient.connect(port(), "/api/stream/events?user_id=" + user)) {
      lastId = first.next(WAIT).json().get("head").asLong();
    }
    // more than the 4096 events the journal holds in the test profile
    for (int i = 0; i < 4600; i++) {
      topics.visit("filler-" + (i % 20), v -> {});
    }
    sendNumbered(user, 0, 3);
    String gapUser = user;
    await()
        .atMost(WAIT)
        .until(() -> given().get("/api/status").jsonPath().getLong("journal.oldest") > lastId + 1);

    try (SseClient again =
        SseClient.connect(
            port(),
            "/api/stream/events?user_id=" + gapUser,
            Map.of("Last-Event-ID", Long.toString(lastId)),
            0,
            true)) {
      assertThat(again.next(WAIT).event()).isEqualTo("hello");
      Message gap = again.next(WAIT);
      assertThat(gap.event()).isEqualTo("gap");
      JsonNode g = gap.json();
      assertThat(g.get("reason").asText()).isEqualTo("events no longer held in memory");
      assertThat(g.get("from").asLong()).isEqualTo(lastId + 1);
      assertThat(g.get("missed").asLong()).isPositive();
      assertThat(gap.idAsLong()).isEqualTo(g.get("to").asLong());
    }

    try (SseClient stranger =
        SseClient.connect(
            port(),
            "/api/stream/events?user_id=" + gapUser,
            Map.of("Last-Event-ID", "17"),
            0,
            true)) {
      stranger.next(WAIT);
      Message gap = stranger.next(WAIT);
      assertThat(gap.event()).isEqualTo("gap");
      assertThat(gap.json().get("reason").asText()).contains("restarted");
    }
  }

  @Test
  void aStalledClientLosesItsOwnTailAndNobodyElseSlowsDown() throws Exception {
    String user = "slow-" + UUID.randomUUID();
    String path = "/api/stream/events?user_id=" + user;
    String padding = "x".repeat(3000);
    try (SseClient reader = SseClient.connect(port(), path);
        SseClient stalled = SseClient.connect(port(), path, Map.of(), 4096, false)) {
      reader.next(WAIT);
      List<JsonNode> got = new ArrayList<>();
      List<Message> frames = new ArrayList<>();
      int sent = 0;
      // in steps the reader keeps up with, until the stalled client has lost events
      while (droppedFor(user) == 0 && sent < 20_000) {
        for (int i = 0; i < 250; i++) {
          int n = sent++;
          topics.visit(user, v -> v.put("file_size_bytes", n).put("user_agent", padding));
        }
        topics.flush();
        collect(reader, got, frames, sent);
      }
      assertThat(droppedFor(user)).as("the stalled client dropped events").isPositive();

      assertThat(frames).extracting(Message::event).containsOnly("events");
      assertThat(got)
          .extracting(e -> e.get("file_size_bytes").asInt())
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, sent).boxed().toList());

      int last = sent - 1;
      stalled.startReading();
      List<Message> caughtUp =
          stalled.until(
              m ->
                  m.event().equals("events")
                      && m.data().contains("\"file_size_bytes\":" + last + ","),
              WAIT);
      Message dropped =
          caughtUp.stream().filter(m -> m.event().equals("dropped")).findFirst().orElseThrow();
      assertThat(dropped.json().get("dropped").asLong()).isPositive();
    }
  }

  @Test
  void wrongParametersAreRefusedByName() {
    given()
        .get("/api/stream/events?http_response=teapot")
        .then()
        .statusCode(400)
        .body("error", containsString("'http_response'"));
    given()
        .get("/api/stream/events?colour=red")
        .then()
        .statusCode(400)
        .body("error", containsString("unknown query parameter 'colour'"));
    given()
        .get("/api/stream/events?history=-1")
        .then()
        .statusCode(400)
        .body("error", containsString("'history'"));
    given()
        .header("Last-Event-ID", "yesterday")
        .get("/api/stream/events")
        .then()
        .statusCode(400)
        .body("error", containsString("Last-Event-ID"));
  }

  /** Events the dashboard skipped for this test's clients (the reader must have none). */
  private long droppedFor(String user) {
    List<Map<String, Object>> clients =
        given().get("/api/status").jsonPath().getList("event_clients");
    return clients.stream()
        .filter(c -> String.valueOf(c.get("filter")).contains(user))
        .mapToLong(c -> ((Number) c.get("dropped")).longValue())
        .sum();
  }

  private void sendNumbered(String user, int from, int to) {
    for (int i = from; i < to; i++) {
      int n = i;
      topics.visit(user, v -> v.put("file_size_bytes", n));
    }
    topics.flush();
  }

  /** Reads events messages until {@code events} holds {@code total} events. */
  private static void collect(
      SseClient client, List<JsonNode> events, List<Message> frames, int total)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (events.size() < total) {
      Message m = client.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (m == null) {
        throw new AssertionError(
            "got " + events.size() + " of " + total + " events within " + WAIT);
      }
      frames.add(m);
      if (m.event().equals("events")) {
        m.json().get("events").forEach(events::add);
      }
    }
  }

  private int port() {
    return base.getPort();
  }
}
