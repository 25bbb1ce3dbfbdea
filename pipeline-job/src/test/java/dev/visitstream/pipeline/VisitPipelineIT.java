package dev.visitstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visitstream.broker.TestKafka;
import dev.visitstream.pipeline.parse.VisitSchema;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole job on the embedded Flink runner against the real broker: every good visit in
 * website-out exactly once with its key and value, every bad record in website-dlq with its
 * headers, the stats windows right (late data included), and a redeploy resuming from the committed
 * offsets without loss or duplicates.
 */
class VisitPipelineIT {

  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private KafkaTopics kafka;
  private String input;
  private String out;
  private String stats;
  private String dlq;
  private String group;

  @BeforeEach
  void topics() throws Exception {
    kafka = new KafkaTopics(TestKafka.bootstrapServers());
    String run = UUID.randomUUID().toString().substring(0, 8);
    input = "visit-" + run;
    out = "out-" + run;
    stats = "stats-" + run;
    dlq = "dlq-" + run;
    group = "pipeline-it-" + run;
    kafka.create(3, input, out, stats, dlq);
  }

  @AfterEach
  void close() {
    kafka.close();
  }

  private EmbeddedJob startJob() throws IOException {
    return EmbeddedJob.start(
        "--bootstrapServers=" + kafka.bootstrapServers,
        "--inputTopic=" + input,
        "--outputTopic=" + out,
        "--statsTopic=" + stats,
        "--deadLetterTopic=" + dlq,
        "--groupId=" + group,
        "--checkpointingInterval=1000",
        "--maxEventDelaySeconds=5",
        "--allowedLatenessSeconds=3600");
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : text(header.value());
  }

  @Test
  void everyVisitIsKeyedDeadLetteredOrCountedInItsWindowExactlyOnce() throws Exception {
    long now = System.currentTimeMillis();
    long firstWindow = Math.floorDiv(now - 600_000, 10_000L) * 10_000L; // 10 min ago
    VisitTraffic traffic = VisitTraffic.generate(3_000, firstWindow, 50, 97, 42L);
    kafka.produce(input, traffic.records);

    try (EmbeddedJob job = startJob();
        KafkaTopics.Reader outReader = kafka.reader(out);
        KafkaTopics.Reader dlqReader = kafka.reader(dlq);
        KafkaTopics.Reader statsReader = kafka.reader(stats);
        KafkaTopics.Reader inputReader = kafka.reader(input)) {

      // website-out: each good visit once, keyed {"event_id","event_ts"}, value every field of the
      // visit
      List<ConsumerRecord<byte[], byte[]>> outRecords =
          outReader.until(r -> r.size() >= traffic.good.size(), DEADLINE, "website-out");
      Map<String, JsonNode> outByKey =
          outRecords.stream()
              .collect(Collectors.toMap(r -> text(r.key()), r -> VisitTraffic.json(r.value())));
      assertThat(outRecords).hasSize(traffic.good.size());
      for (SampleVisit visit : traffic.good) {
        JsonNode value = outByKey.get(VisitTraffic.outKey(visit));
        assertThat(value)
            .as("website-out value of %s", VisitTraffic.outKey(visit))
            .isEqualTo(VisitTraffic.outValue(visit));
        List<String> names = new ArrayList<>();
        value.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(VisitSchema.FIELD_NAMES);
      }

      // website-dlq: each bad record once, original bytes, headers pointing at the source record
      List<ConsumerRecord<byte[], byte[]>> dead =
          dlqReader.until(r -> r.size() >= traffic.bad.size(), DEADLINE, "website-dlq");
      Map<String, ConsumerRecord<byte[], byte[]>> inputByPosition =
          inputReader.until(r -> r.size() >= traffic.records.size(), DEADLINE, "input").stream()
              .collect(
                  Collectors.toMap(r -> r.partition() + "@" + r.offset(), Function.identity()));
      assertThat(dead).hasSize(traffic.bad.size());
      for (ConsumerRecord<byte[], byte[]> letter : dead) {
        assertThat(header(letter, "dlq.source.topic")).isEqualTo(input);
        ConsumerRecord<byte[], byte[]> source =
            inputByPosition.get(
                header(letter, "dlq.source.partition") + "@" + header(letter, "dlq.source.offset"));
        assertThat(source).as("source of dead letter %s", header(letter, "dlq.reason")).isNotNull();
        assertThat(letter.key()).isEqualTo(source.key());
        assertThat(letter.value()).isEqualTo(source.value());
        assertThat(header(letter, "dlq.reason")).isNotBlank();
      }
      assertThat(dead)
          .extracting(letter -> header(letter, "dlq.reason"))
          .contains(
              "record has no value",
              "value is empty",
              "value is not a JSON object but array",
              "field 'http_response' must be an integer, got string \"OK\"",
              "field 'id' is missing; field 'lat' must be a number or \"\", got string \"north\"")
          .anyMatch(reason -> reason.startsWith("malformed JSON: "))
          .anyMatch(
              reason -> reason.startsWith("field 'id' is missing; field 'user_agent' is missing;"));

      // website-stats: one record per (window, dimension, value), totals of the good visits
      Map<JsonNode, JsonNode> expectedStats = VisitTraffic.expectedStats(traffic.good);
      List<ConsumerRecord<byte[], byte[]>> statsRecords =
          statsReader.until(
              r -> latestByKey(r).keySet().containsAll(expectedStats.keySet()),
              DEADLINE,
              "website-stats");
      assertThat(latestByKey(statsRecords)).isEqualTo(expectedStats);
      assertThat(statsRecords)
          .as("one on-time record per key, no late data yet")
          .hasSize(expectedStats.size());

      // Beam counters add up
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(job.counter(PipelineMetrics.PARSED)).isEqualTo(traffic.good.size());
                assertThat(job.counter(PipelineMetrics.DEAD_LETTERED))
                    .isEqualTo(traffic.bad.size());
                assertThat(job.counter(PipelineMetrics.WRITTEN)).isEqualTo(traffic.good.size());
                assertThat(job.counter(PipelineMetrics.STATS_RECORDS))
                    .isEqualTo(expectedStats.size());
              });

      // Late data: within the allowed lateness it updates its window (same key, new totals);
      // beyond it, it still reaches website-out but not the stats. Same partition: in order.
      SampleVisit tooLate =
          SampleVisit.of("late-user", now - 7_200_000L).with(VisitField.AGE_BRACKET, "65+");
      SampleVisit late =
          SampleVisit.of("late-user", firstWindow + 1_000).with(VisitField.AGE_BRACKET, "65+");
      kafka.produce(
          input,
          List.of(
              new ProducerRecord<>("", 0, VisitTraffic.utf8("late-user"), tooLate.bytes()),
              new ProducerRecord<>("", 0, VisitTraffic.utf8("late-user"), late.bytes())));
      List<SampleVisit> withLate = new ArrayList<>(traffic.good);
      withLate.add(late);
      Map<JsonNode, JsonNode> expectedWithLate = VisitTraffic.expectedStats(withLate);
      List<ConsumerRecord<byte[], byte[]>> afterLate =
          statsReader.until(r -> r.size() >= expectedStats.size() + 3, DEADLINE, "late pane");
      assertThat(afterLate.subList(expectedStats.size(), afterLate.size()))
          .extracting(
              r ->
                  VisitTraffic.json(r.key()).get("dimension").asText()
                      + "="
                      + VisitTraffic.json(r.key()).get("value").asText())
          .containsExactlyInAnyOrder("total=all", "http_response=200", "age_bracket=65+");
      assertThat(latestByKey(statsReader.settle(Duration.ofSeconds(2))))
          .isEqualTo(expectedWithLate);
      assertThat(outReader.until(r -> r.size() >= traffic.good.size() + 2, DEADLINE, "late visits"))
          .extracting(r -> text(r.key()))
          .contains(VisitTraffic.outKey(tooLate), VisitTraffic.outKey(late));

      // offsets reach the group at the checkpoints: a redeploy would resume at the end
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(kafka.committedOffsets(group)).isEqualTo(kafka.endOffsets(input)));
      assertThat(job.state()).isEqualTo(PipelineResult.State.RUNNING);
    }
  }

  private static Map<JsonNode, JsonNode> latestByKey(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<JsonNode, JsonNode> latest = new HashMap<>();
    // records of one key share a partition, so list order is their order
    records.forEach(r -> latest.put(VisitTraffic.json(r.key()), VisitTraffic.json(r.value())));
    return latest;
  }

  /** Where each copy of a repeated key sits in website-out, to tell a replay from a retry. */
  private static Map<String, List<String>> copiesOfRepeatedKeys(
      List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .collect(
            Collectors.groupingBy(
                r -> text(r.key()),
                Collectors.mapping(
                    r -> r.partition() + "@" + r.offset() + " t=" + r.timestamp(),
                    Collectors.toList())))
        .entrySet()
        .stream()
        .filter(copies -> copies.getValue().size() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Test
  void aRecordTooLargeForADeadLetterIsCutToFitAndTheJobGoesOn() throws Exception {
    byte[] huge = ("{\"id\": \"" + "x".repeat(3_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    kafka.produceCompressed(input, 0, VisitTraffic.utf8("huge"), huge);
    SampleVisit after = SampleVisit.of("after-huge", System.currentTimeMillis());
    kafka.produce(
        input,
        List.of(new ProducerRecord<>("", 0, VisitTraffic.utf8("after-huge"), after.bytes())));

    try (EmbeddedJob job = startJob();
        KafkaTopics.Reader outReader = kafka.reader(out);
        KafkaTopics.Reader dlqReader = kafka.reader(dlq)) {
      ConsumerRecord<byte[], byte[]> letter =
          dlqReader.until(r -> r.size() >= 1, DEADLINE, "website-dlq").get(0);
      assertThat(header(letter, "dlq.reason"))
          .isEqualTo("value is " + huge.length + " bytes, more than the 65536 a visit may have");
      assertThat(header(letter, "dlq.source.offset")).isEqualTo("0");
      assertThat(header(letter, "dlq.truncated"))
          .startsWith("value: first ")
          .endsWith(" of " + huge.length + " bytes; the whole record is at dlq.source.*");
      assertThat(huge).startsWith(letter.value());

      assertThat(outReader.until(r -> r.size() >= 1, DEADLINE, "website-out"))
          .extracting(r -> text(r.key()))
          .containsExactly(VisitTraffic.outKey(after));
      assertThat(job.state()).isEqualTo(PipelineResult.State.RUNNING);
    }
  }

  @Test
  void aRedeployResumesFromTheCommittedOffsetsWithoutLossOrDuplicates() throws Exception {
    long firstWindow = Math.floorDiv(System.currentTimeMillis() - 600_000, 10_000L) * 10_000L;
    VisitTraffic all = VisitTraffic.generate(1_500, firstWindow, 100, Integer.MAX_VALUE, 7L);
    List<ProducerRecord<byte[], byte[]>> before = all.records.subList(0, 1_000);
    List<ProducerRecord<byte[], byte[]>> after = all.records.subList(1_000, 1_500);

    kafka.produce(input, before);
    try (KafkaTopics.Reader outReader = kafka.reader(out)) {
      try (EmbeddedJob first = startJob()) {
        outReader.until(r -> r.size() >= before.size(), DEADLINE, "first job's output");
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> assertThat(kafka.committedOffsets(group)).isEqualTo(kafka.endOffsets(input)));
      } // cancelled: a stop after the last checkpoint, like a redeploy

      kafka.produce(input, after);
      try (EmbeddedJob second = startJob()) {
        List<ConsumerRecord<byte[], byte[]>> records =
            outReader.until(r -> r.size() >= all.good.size(), DEADLINE, "second job's output");
        records = outReader.settle(Duration.ofSeconds(3));

        assertThat(copiesOfRepeatedKeys(records)).as("visits written more than once").isEmpty();
        assertThat(records)
            .extracting(r -> text(r.key()))
            .as("every visit once: nothing lost, nothing replayed")
            .hasSize(all.good.size())
            .containsExactlyInAnyOrderElementsOf(
                all.good.stream().map(VisitTraffic::outKey).collect(Collectors.toList()));
      }
    }
  }
}
