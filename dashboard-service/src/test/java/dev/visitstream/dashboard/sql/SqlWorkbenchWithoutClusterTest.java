package dev.visitstream.dashboard.sql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.visitstream.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SQL workbench when no Flink cluster answers (the test profile points it at a closed port):
 * the dashboard starts, says the cluster is unreachable, and refuses bad input with a clear message
 * before it would ever call Flink.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class SqlWorkbenchWithoutClusterTest {

  @Test
  void theStatusSaysTheClusterIsUnreachable() {
    given()
        .get("/api/sql")
        .then()
        .statusCode(200)
        .body("cluster", equalTo("unreachable"))
        .body("error", containsString("unreachable"))
        .body("max_queries", equalTo(2));
  }

  @Test
  void aRunAnswers503NamingTheClusterAndStartsNothing() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", "SELECT id FROM visits"))
        .post("/api/sql/queries")
        .then()
        .statusCode(503)
        .body("error", containsString("the Flink cluster at http://127.0.0.1:9 is unreachable"));
    given().get("/api/sql/queries").then().statusCode(200).body("$", empty());
  }

  @Test
  void aCheckWithoutThePipelineJarSaysToBuildIt() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", "SELECT id FROM visits"))
        .post("/api/sql/check")
        .then()
        .statusCode(502)
        .body("error", containsString("no-such-pipeline-job-standalone.jar is missing: build it"));
  }

  @Test
  void aQueryOfAMegabyteIsRefusedByItsSize() {
    String huge = "SELECT id FROM visits WHERE id = '" + "x".repeat(1 << 20) + "'";

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", huge))
        .post("/api/sql/queries")
        .then()
        .statusCode(400)
        .body("error", containsString("at most 20000 are accepted"));
  }

  @Test
  void controlCharactersAreRefusedWithTheirPosition() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", "SELECT id\nFROM visits\u0007"))
        .post("/api/sql/check")
        .then()
        .statusCode(400)
        .body("error", containsString("U+0007 at line 2, column 12"))
        .body("line", equalTo(2))
        .body("column", equalTo(12));
  }

  @Test
  void anEmptyQueryIsRefused() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", " \n "))
        .post("/api/sql/queries")
        .then()
        .statusCode(400)
        .body("error", containsString("write a query first"));
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/sql/queries")
        .then()
        .statusCode(400);
  }

  @Test
  void stoppingAnUnknownQueryIs404AndChangesNothing() {
    given()
        .delete("/api/sql/queries/nope<img src=x onerror=alert(1)>")
        .then()
        .statusCode(404)
        .body("error", containsString("no running query has the id"));
    given().get("/api/sql/queries/nope/rows").then().statusCode(404);
    given().get("/api/sql/queries").then().body("$", empty());
  }

  @Test
  void thePageIsServedUnderSqlWithTheContentSecurityPolicy() {
    given()
        .get("/sql")
        .then()
        .statusCode(200)
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .body(containsString("SQL workbench"))
        .body(containsString("js/sql.js"));
    given().get("/").then().body(containsString("href=\"sql\""));
  }
}
