package dev.visitstream.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.visitstream.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** generator.api-token set: steering needs the token, reading does not. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(ControlTokenTest.WithToken.class)
class ControlTokenTest {

  public static class WithToken implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("generator.api-token", "s3cret");
    }
  }

  @Test
  void aChangeWithoutTheTokenIsRefusedWith401AndChangesNothing() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("users", 7))
        .patch("/generator/config")
        .then()
        .statusCode(401)
        .body("error", containsString("requires an API token"));
    given()
        .header("Authorization", "Bearer nope")
        .post("/generator/start")
        .then()
        .statusCode(401)
        .body("error", containsString("wrong"));

    given()
        .get("/generator")
        .then()
        .statusCode(200)
        .body("running", is(false))
        .body("settings.users", is(100));
  }

  @Test
  void theRightTokenAsBearerOrHeaderSteersTheGenerator() {
    given()
        .header("Authorization", "Bearer s3cret")
        .contentType(ContentType.JSON)
        .body(Map.of("users", 7))
        .patch("/generator/config")
        .then()
        .statusCode(200)
        .body("users", is(7));
    given()
        .header("X-Api-Token", "s3cret")
        .contentType(ContentType.JSON)
        .body(Map.of())
        .put("/generator/config")
        .then()
        .statusCode(200)
        .body("users", is(100));
  }
}
