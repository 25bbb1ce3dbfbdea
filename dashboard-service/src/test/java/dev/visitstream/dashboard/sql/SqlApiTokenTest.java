package dev.visitstream.dashboard.sql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.visitstream.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With dashboard.sql.api-token set, checking, running and stopping queries need the token; reading
 * does not.
 */
@QuarkusTest
@TestProfile(SqlApiTokenTest.WithToken.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class SqlApiTokenTest {

  public static class WithToken implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("dashboard.sql.api-token", "s3cret");
    }
  }

  @Test
  void changesWithoutTheTokenAre401() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", "SELECT id FROM visits"))
        .post("/api/sql/queries")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .body("error", containsString("requires an API token"));
    given()
        .header("X-Api-Token", "wrong")
        .contentType(ContentType.JSON)
        .body(Map.of("query", "SELECT 1"))
        .post("/api/sql/check")
        .then()
        .statusCode(401)
        .body("error", equalTo("the API token is wrong"));
    given().delete("/api/sql/queries/abc").then().statusCode(401);
  }

  @Test
  void withTheTokenTheRequestGoesThrough() {
    given()
        .header("Authorization", "Bearer s3cret")
        .delete("/api/sql/queries/abc")
        .then()
        .statusCode(404);
    given()
        .header("X-Api-Token", "s3cret")
        .contentType(ContentType.JSON)
        .body(Map.of("query", "SELECT id FROM visits"))
        .post("/api/sql/check")
        .then()
        .statusCode(502);
  }

  @Test
  void readingStaysOpen() {
    given().get("/api/sql").then().statusCode(200).body("token_required", equalTo(true));
    given().get("/api/sql/queries").then().statusCode(200);
  }
}
