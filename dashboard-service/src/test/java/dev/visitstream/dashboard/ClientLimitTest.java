package dev.visitstream.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.visitstream.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dashboard.max-clients caps open SSE connections, all streams together, with a clear 503. */
@QuarkusTest
@TestProfile(ClientLimitTest.TwoClients.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ClientLimitTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  public static class TwoClients implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("dashboard.max-clients", "2");
    }
  }

  @TestHTTPResource("/")
  URL base;

  @Test
  void aClientBeyondTheCapIsRefusedWith503AndTheCapComesBackWhenClientsLeave() throws Exception {
    try (SseClient events = SseClient.connect(base.getPort(), "/api/stream/events");
        SseClient stats = SseClient.connect(base.getPort(), "/api/stream/stats")) {
      assertThat(events.next(WAIT).event()).isEqualTo("hello");
      assertThat(stats.next(WAIT).event()).isEqualTo("hello");

      given()
          .get("/api/stream/dead-letters")
          .then()
          .statusCode(503)
          .header("Retry-After", "10")
          .body("error", containsString("maximum of 2 SSE connections"))
          .body("error", containsString("DASHBOARD_MAX_CLIENTS"));
      given().get("/api/stream/events").then().statusCode(503);
      // a wrong request is still told what is wrong with it
      given().get("/api/stream/events?colour=red").then().statusCode(400);
      given()
          .get("/api/status")
          .then()
          .body("clients.open", equalTo(2))
          .body("clients.max", equalTo(2));
    }

    await()
        .atMost(WAIT)
        .untilAsserted(() -> given().get("/api/status").then().body("clients.open", equalTo(0)));
    try (SseClient again = SseClient.connect(base.getPort(), "/api/stream/dead-letters")) {
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.next(WAIT).event()).isEqualTo("hello");
    }
    assertThat(given().get("/q/metrics").asString())
        .containsPattern("dashboard_sse_refused_total(\\{[^}]*\\})? 2\\.0");
  }
}
