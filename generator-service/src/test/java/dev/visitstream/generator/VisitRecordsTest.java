package dev.visitstream.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitstream.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class VisitRecordsTest {

  @Test
  void everyVisitHasTheContractFieldsWithTheirTypesAndIsKeyedByItsUser() {
    GeneratorApi.reset(Map.of("rate", 0, "emptyLocationShare", 0.3));
    try (VisitTopic topic = VisitTopic.fromNow()) {
      GeneratorApi.sendAndAwait(400);

      for (ConsumerRecord<String, byte[]> record : topic.read(400)) {
        assertThat(VisitContract.problems(record.value())).as(new String(record.value())).isEmpty();
        assertThat(record.key()).isEqualTo(VisitContract.parse(record.value()).get("id").asText());
        assertThat(record.headers()).isEmpty();
      }
    }
  }

  @Test
  void responsesFollowARealisticMixNotOnly200() {
    GeneratorApi.reset(Map.of("rate", 0));
    try (VisitTopic topic = VisitTopic.fromNow()) {
      GeneratorApi.sendAndAwait(2000);

      Map<Integer, Long> byResponse =
          topic.read(2000).stream()
              .map(r -> VisitContract.parse(r.value()))
              .collect(
                  Collectors.groupingBy(
                      v -> v.get("http_response").asInt(), Collectors.counting()));
      assertThat(byResponse.get(200)).isBetween(1500L, 1800L);
      assertThat(byResponse).containsKeys(304, 404).hasSizeGreaterThanOrEqualTo(6);
    }
  }

  @Test
  void requestsVaryInMethodPageAndProtocol() {
    GeneratorApi.reset(Map.of("rate", 0));
    try (VisitTopic topic = VisitTopic.fromNow()) {
      GeneratorApi.sendAndAwait(1000);

      List<String[]> requests =
          topic.read(1000).stream()
              .map(r -> VisitContract.parse(r.value()).get("http_request").asText().split(" "))
              .toList();
      assertThat(distinct(requests, r -> r[0])).contains("GET", "POST");
      assertThat(distinct(requests, r -> r[1]).size()).isGreaterThan(20);
      assertThat(distinct(requests, r -> r[2]))
          .containsExactlyInAnyOrder("HTTP/1.0", "HTTP/1.1", "HTTP/2.0");
    }
  }

  private static List<String> distinct(List<String[]> requests, Function<String[], String> part) {
    return requests.stream().map(part).distinct().toList();
  }
}
