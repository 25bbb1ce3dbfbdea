package dev.visitstream.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visitstream.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class SharesTest {

  @Test
  void malformedRecordsMakeUpExactlyTheConfiguredShareAndStatusCountsThemApart() {
    GeneratorApi.reset(Map.of("rate", 0, "malformedShare", 0.05));
    try (VisitTopic topic = VisitTopic.fromNow()) {
      JsonPath status = GeneratorApi.sendAndAwait(1000);

      List<ConsumerRecord<String, byte[]>> records = topic.read(1000);
      List<ConsumerRecord<String, byte[]>> malformed =
          records.stream().filter(r -> !VisitContract.problems(r.value()).isEmpty()).toList();
      assertThat(malformed).hasSize(50);
      assertThat(status.getLong("run.counts.acked.malformed")).isEqualTo(50);
      assertThat(status.getLong("run.counts.acked.good")).isEqualTo(950);
      assertThat(status.getLong("run.counts.failed.total")).isZero();
      // every kind of flaw shows up, each named in a header of its record
      Set<String> flaws = malformed.stream().map(SharesTest::flaw).collect(Collectors.toSet());
      assertThat(flaws)
          .containsExactlyInAnyOrder(
              "not-json",
              "truncated-json",
              "missing-event-ts",
              "missing-id",
              "missing-http-response",
              "event-ts-as-text",
              "http-response-as-text",
              "lat-as-word");
    }
  }

  @Test
  void aboutTheConfiguredShareOfVisitsHasAnUnknownLocation() {
    GeneratorApi.reset(Map.of("rate", 0, "users", 1000, "emptyLocationShare", 0.25));
    try (VisitTopic topic = VisitTopic.fromNow()) {
      GeneratorApi.sendAndAwait(1000);

      long withoutLocation =
          topic.read(1000).stream()
              .map(r -> VisitContract.parse(r.value()))
              .filter(v -> v.get("lat").asText().isEmpty() && v.get("lng").asText().isEmpty())
              .count();
      assertThat(withoutLocation).isBetween(170L, 330L);
    }
  }

  @Test
  void lateEventsMakeUpTheConfiguredShareAndCarryAnEventTimeThatFarBack() {
    GeneratorApi.reset(Map.of("rate", 0, "lateShare", 0.2, "lateByMs", 60_000));
    try (VisitTopic topic = VisitTopic.fromNow()) {
      GeneratorApi.sendAndAwait(500);

      Map<Boolean, List<Long>> lateOrNot =
          topic.read(500).stream()
              .map(SharesTest::lateness)
              .collect(Collectors.partitioningBy(lateness -> lateness > 55_000));
      assertThat(lateOrNot.get(true))
          .hasSize(100)
          .allSatisfy(lateness -> assertThat(lateness).isLessThan(65_000));
      assertThat(lateOrNot.get(false))
          .allSatisfy(lateness -> assertThat(lateness).isLessThan(5_000));
    }
  }

  /** How far the event time lies before the time Kafka stamped on the record. */
  private static long lateness(ConsumerRecord<String, byte[]> record) {
    JsonNode visit = VisitContract.parse(record.value());
    return record.timestamp() - visit.get("event_ts").asLong();
  }

  private static String flaw(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader("visit-stream.flaw");
    return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
  }
}
