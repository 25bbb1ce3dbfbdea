package dev.visitstream.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import dev.visitstream.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class SettingsApiTest {

  @BeforeEach
  void startUpSettings() {
    GeneratorApi.reset(Map.of());
  }

  static Stream<Arguments> badChanges() {
    return Stream.of(
        Arguments.of("{\"rate\": -5}", "rate", "between 0 and 1000000"),
        Arguments.of("{\"rate\": 2000000}", "rate", "between 0 and 1000000"),
        Arguments.of("{\"rate\": \"fast\"}", "rate", "a number"),
        Arguments.of("{\"delaySeconds\": -1}", "delaySeconds", "between 0 and 86400"),
        Arguments.of(
            "{\"rate\": 5, \"delaySeconds\": 1}", "delaySeconds", "either rate or delaySeconds"),
        Arguments.of("{\"users\": 0}", "users", "between 1 and 100000"),
        Arguments.of("{\"users\": 2.5}", "users", "a whole number"),
        Arguments.of("{\"emptyLocationShare\": 1.5}", "emptyLocationShare", "between 0 and 1"),
        Arguments.of("{\"malformedShare\": -0.1}", "malformedShare", "between 0 and 1"),
        Arguments.of("{\"lateShare\": true}", "lateShare", "between 0 and 1"),
        Arguments.of("{\"lateByMs\": -1}", "lateByMs", "between 0 and 86400000"),
        Arguments.of("{\"seed\": \"abc\"}", "seed", "a whole number"),
        Arguments.of("{\"speed\": 3}", "speed", "unknown field"),
        Arguments.of("[1, 2]", "body", "JSON object"),
        Arguments.of("{\"rate\": ", "body", "not valid JSON"));
  }

  @ParameterizedTest
  @MethodSource("badChanges")
  void aBadValueIsRefusedWith400NamingTheFieldAndWhatIsAllowed(
      String body, String field, String hint) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .patch("/generator/config")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem(field))
        .body("error", containsString(hint));
  }

  @Test
  void aRequestWithOneBadFieldChangesNothing() {
    Map<String, Object> before =
        given().get("/generator/config").then().extract().jsonPath().getMap("");

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("users", 50, "rate", 99, "malformedShare", 1.5))
        .patch("/generator/config")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("malformedShare"));

    assertThat(given().get("/generator/config").then().extract().jsonPath().getMap(""))
        .isEqualTo(before);
  }

  @Test
  void aBodyOverTheSizeLimitIsRefusedWith413AndChangesNothing() {
    Map<String, Object> before =
        given().get("/generator/config").then().extract().jsonPath().getMap("");
    String huge = "{\"users\": 5, \"padding\": \"" + "x".repeat(100_000) + "\"}";

    given()
        .contentType(ContentType.JSON)
        .body(huge)
        .patch("/generator/config")
        .then()
        .statusCode(413);

    assertThat(given().get("/generator/config").then().extract().jsonPath().getMap(""))
        .isEqualTo(before);
  }

  @Test
  void patchChangesTheGivenFieldsAndPutResetsTheOthersToTheirStartUpValues() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("users", 50, "malformedShare", 0.01))
        .patch("/generator/config")
        .then()
        .statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("delaySeconds", 0.5))
        .patch("/generator/config")
        .then()
        .statusCode(200);
    Map<String, Object> patched =
        given().get("/generator/config").then().extract().jsonPath().getMap("");

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("lateShare", 0.1))
        .put("/generator/config")
        .then()
        .statusCode(200);
    Map<String, Object> replaced =
        given().get("/generator/config").then().extract().jsonPath().getMap("");

    assertThat(patched)
        .containsEntry("users", 50)
        .containsEntry("malformedShare", 0.01f)
        .containsEntry("rate", 2.0f)
        .containsEntry("delaySeconds", 0.5f);
    assertThat(replaced)
        .containsEntry("users", 100)
        .containsEntry("malformedShare", 0.0f)
        .containsEntry("lateShare", 0.1f)
        .containsEntry("rate", 1000.0f);
  }

  @Test
  void aCountMustBeAWholeNumberFromOneOn() {
    for (String count : new String[] {"0", "-3", "many", ""}) {
      given()
          .post("/generator/send?count=" + count)
          .then()
          .statusCode(400)
          .body("violations.field", hasItem("count"))
          .body("error", containsString("between 1 and"));
    }
    given()
        .post("/generator/send")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("count"));
    assertThat(GeneratorApi.status().getBoolean("running")).isFalse();
  }

  @Test
  void aSecondFixedCountRunIsRefusedWhileOneIsSending() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("rate", 1))
        .patch("/generator/config")
        .then()
        .statusCode(200);
    given().post("/generator/send?count=100").then().statusCode(202);

    given()
        .post("/generator/send?count=5")
        .then()
        .statusCode(409)
        .body("error", containsString("stop"));
    given()
        .post("/generator/stop")
        .then()
        .statusCode(200)
        .body("running", org.hamcrest.Matchers.is(false));
  }
}
