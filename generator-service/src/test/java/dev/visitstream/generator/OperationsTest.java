package dev.visitstream.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import dev.visitstream.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Quarkus conventions a platform expects: health, metrics, API description. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class OperationsTest {

  @Test
  void readinessIsUpWithKafkaReachable() {
    GeneratorApi.reset(Map.of("rate", 0));
    GeneratorApi.sendAndAwait(10);

    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.name", hasItems("Kafka connection health check", "visit generator"));
  }

  @Test
  void prometheusMetricsCountTheEvents() {
    GeneratorApi.reset(Map.of("rate", 0));
    GeneratorApi.sendAndAwait(10);

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("generator_events_sent_total{kind=\"good\"}"))
        .body(containsString("generator_events_acked_total{kind=\"malformed\"}"))
        .body(containsString("generator_rate_configured"));
  }

  @Test
  void theApiIsDescribedByOpenapi() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths.'/generator/send'.post", org.hamcrest.Matchers.notNullValue())
        .body("paths.'/generator/config'.patch", org.hamcrest.Matchers.notNullValue());
  }
}
