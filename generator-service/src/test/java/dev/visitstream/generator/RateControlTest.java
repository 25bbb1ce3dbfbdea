package dev.visitstream.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.visitstream.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loose bounds only: the machine is shared; the precise numbers come from the benchmark. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class RateControlTest {

  @Test
  void aRunningGeneratorSendsAtAboutTheConfiguredRateUntilStopped() {
    GeneratorApi.reset(Map.of("rate", 400));
    given().post("/generator/start").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> GeneratorApi.status().getDouble("run.elapsedSeconds") >= 3);
    JsonPath running = GeneratorApi.status();
    JsonPath stopped = given().post("/generator/stop").then().statusCode(200).extract().jsonPath();

    assertThat(running.getBoolean("running")).isTrue();
    assertThat(running.getDouble("rate.configured")).isEqualTo(400.0);
    assertThat(running.getDouble("rate.achieved")).isBetween(250.0, 550.0);
    assertThat(stopped.getBoolean("running")).isFalse();
    assertThat(stopped.getString("run.state")).isEqualTo("STOPPED");
    assertThat(stopped.getDouble("run.averageRate")).isBetween(300.0, 500.0);
  }

  @Test
  void aFixedCountAtARateTakesTheTimeThatRateImpliesThenStops() {
    GeneratorApi.reset(Map.of("rate", 100));
    JsonPath done = GeneratorApi.sendAndAwait(150);

    assertThat(done.getString("run.mode")).isEqualTo("COUNT");
    assertThat(done.getLong("run.counts.acked.total")).isEqualTo(150);
    assertThat(done.getDouble("run.elapsedSeconds")).isGreaterThan(1.2);
    assertThat(done.getBoolean("running")).isFalse();
  }

  @Test
  void aBurstSendsItsCountAsFastAsItCanWhateverTheRate() {
    GeneratorApi.reset(Map.of("rate", 1));
    given().post("/generator/burst?count=500").then().statusCode(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "COMPLETED".equals(GeneratorApi.status().getString("run.state")));

    JsonPath done = GeneratorApi.status();
    assertThat(done.getString("run.mode")).isEqualTo("BURST");
    assertThat(done.getLong("run.counts.sent.total")).isEqualTo(500);
    assertThat(done.getDouble("run.elapsedSeconds")).isLessThan(20.0);
  }

  @Test
  void aRateChangeAppliesToTheRunningGenerator() {
    GeneratorApi.reset(Map.of("rate", 2));
    given().post("/generator/start").then().statusCode(200);
    given()
        .contentType("application/json")
        .body(Map.of("rate", 500))
        .patch("/generator/config")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> GeneratorApi.status().getLong("run.counts.sent.total") >= 500);
    JsonPath stopped = given().post("/generator/stop").then().statusCode(200).extract().jsonPath();

    assertThat(stopped.getDouble("settings.rate")).isEqualTo(500.0);
    assertThat(stopped.getDouble("run.elapsedSeconds")).isLessThan(20.0);
  }
}
