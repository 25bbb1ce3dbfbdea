package dev.visitstream.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visitstream.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class UserPoolTest {

  private static final List<String> PROFILE =
      List.of("ip", "lat", "lng", "user_agent", "age_bracket", "opted_into_marketing");

  @Test
  void aUserKeepsIpLocationAgentAgeAndOptInAcrossVisits() {
    GeneratorApi.reset(Map.of("rate", 0, "users", 20, "emptyLocationShare", 0.2));
    try (VisitTopic topic = VisitTopic.fromNow()) {
      GeneratorApi.sendAndAwait(600);

      Map<String, Set<String>> profilesById =
          topic.read(600).stream()
              .map(r -> VisitContract.parse(r.value()))
              .collect(
                  Collectors.groupingBy(
                      v -> v.get("id").asText(),
                      Collectors.mapping(UserPoolTest::profile, Collectors.toSet())));
      assertThat(profilesById).hasSizeBetween(15, 20);
      profilesById.forEach((id, profiles) -> assertThat(profiles).as(id).hasSize(1));
    }
  }

  @Test
  void theSameSeedGivesTheSameVisitsAndAnotherSeedOtherOnes() {
    GeneratorApi.reset(Map.of("rate", 0, "seed", 99));
    Set<String> first = visits(300);
    Set<String> again = visits(300);
    GeneratorApi.reset(Map.of("rate", 0, "seed", 100));
    Set<String> other = visits(300);

    assertThat(again).isEqualTo(first);
    assertThat(other).doesNotContainAnyElementsOf(first);
  }

  /** Per user, the sequence of their visits without the times (which follow the clock). */
  private static Set<String> visits(int count) {
    try (VisitTopic topic = VisitTopic.fromNow()) {
      GeneratorApi.sendAndAwait(count);
      Map<String, List<JsonNode>> byUser =
          topic.read(count).stream()
              .map(r -> VisitContract.parse(r.value()))
              .collect(Collectors.groupingBy(v -> v.get("id").asText()));
      return byUser.entrySet().stream()
          .map(
              user ->
                  user.getKey()
                      + ": "
                      + user.getValue().stream()
                          .map(
                              v ->
                                  v.get("http_request").asText()
                                      + " "
                                      + v.get("http_response")
                                      + " "
                                      + v.get("file_size_bytes")
                                      + " "
                                      + profile(v))
                          .collect(Collectors.joining(", ")))
          .collect(Collectors.toSet());
    }
  }

  private static String profile(JsonNode visit) {
    return PROFILE.stream()
        .map(field -> visit.get(field).toString())
        .collect(Collectors.joining("|"));
  }
}
