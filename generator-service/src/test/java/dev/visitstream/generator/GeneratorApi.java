package dev.visitstream.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;

/** The generator's REST API as the tests (and the end-to-end test) drive it. */
final class GeneratorApi {

  private GeneratorApi() {}

  /** Stopped, start-up settings plus {@code settings}. */
  static void reset(Map<String, Object> settings) {
    given().post("/generator/stop").then().statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body(settings)
        .put("/generator/config")
        .then()
        .statusCode(200);
  }

  static JsonPath status() {
    return given().get("/generator").then().statusCode(200).extract().jsonPath();
  }

  /** Sends exactly {@code count} events and waits until Kafka has answered for all of them. */
  static JsonPath sendAndAwait(int count) {
    given().post("/generator/send?count=" + count).then().statusCode(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              JsonPath status = status();
              return "COMPLETED".equals(status.getString("run.state"))
                  && status.getLong("run.counts.inFlight") == 0;
            });
    return status();
  }
}
