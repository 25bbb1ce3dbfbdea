package dev.visitstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The arithmetic and formats of the suite's reports, without any broker or job. */
class MeasuresTest {

  @Test
  void percentilesAreNearestRank() {
    Latencies latencies = new Latencies();
    for (int ms = 100; ms >= 1; ms--) {
      latencies.add(ms);
    }
    assertThat(latencies.percentile(0.5)).isEqualTo(50);
    assertThat(latencies.percentile(0.99)).isEqualTo(99);
    assertThat(latencies.max()).isEqualTo(100);
    assertThat(new Latencies().percentile(0.99)).isZero();
  }

  @Test
  void everyEventTsOfAnSseFrameIsFound() throws Exception {
    List<Long> found = new ArrayList<>();
    EndToEndLatency.eventTimes(
        "{\"from\":1,\"to\":2,\"count\":2,\"events\":[{\"seq\":1,\"event_ts\":1700000000001,"
            + "\"ip\":\"1.2.3.4\"},{\"seq\":2,\"event_ts\":1700000000002}]}",
        found::add);
    assertThat(found).containsExactly(1700000000001L, 1700000000002L);
  }

  @Test
  void theOutputDigestIgnoresJsonNumberFormattingAndFieldOrder() {
    String key = "{\"event_id\":\"u1\",\"event_ts\":1700000000000}";
    String beamStyle =
        "{\"ip\":\"1.2.3.4\",\"id\":\"u1\",\"lat\":-1.0,\"lng\":2.5,\"user_agent\":\"ua\","
            + "\"age_bracket\":\"26-40\",\"opted_into_marketing\":true,\"http_request\":\"GET a.html HTTP/1.1\","
            + "\"http_response\":200,\"file_size_bytes\":12,\"event_datetime\":\"2026-11-24T13:05:01.123\","
            + "\"event_ts\":1700000000000}";
    String otherStyle =
        "{\"id\":\"u1\",\"ip\":\"1.2.3.4\",\"lat\":-1,\"lng\":2.50,\"user_agent\":\"ua\","
            + "\"age_bracket\":\"26-40\",\"opted_into_marketing\":true,\"http_request\":\"GET a.html HTTP/1.1\","
            + "\"http_response\":200,\"file_size_bytes\":12,\"event_datetime\":\"2026-11-24T13:05:01.123\","
            + "\"event_ts\":1700000000000}";
    Long a = OutputCheck.hashOf(utf8(key), utf8(beamStyle));
    assertThat(a).isNotNull().isEqualTo(OutputCheck.hashOf(utf8(key), utf8(otherStyle)));
    String wrongKey = "{\"event_id\":\"u2\",\"event_ts\":1700000000000}";
    assertThat(OutputCheck.hashOf(utf8(wrongKey), utf8(beamStyle))).isNull();
    assertThat(OutputCheck.hashOf(utf8(key), utf8("not json"))).isNull();
  }

  @Test
  void malformedRecordsAreSpreadExactlyAndRejectedByTheBaselineTransformation() throws Exception {
    BenchVisits visits = new BenchVisits(1, 20, 0.5, 0.1, 1_700_000_000_000L, 1_000, 0, 30);
    int malformed = 0;
    for (int i = 0; i < 800; i++) {
      BenchVisits.Visit visit = visits.next();
      if (visit.flaw() != null) {
        malformed++;
        assertThatThrownBy(() -> KeyedVisit.transform(visit.value()))
            .as(visit.flaw().name())
            .isInstanceOf(KeyedVisit.NotAVisit.class);
      } else {
        KeyedVisit.Output output = KeyedVisit.transform(visit.value());
        assertThat(OutputCheck.hashOf(output.key(), output.value())).isNotNull();
      }
    }
    assertThat(malformed).isEqualTo(80);
  }

  @Test
  void variantsAreNamedOrRefusedWithTheKnownNames() {
    Variant tuned = Variant.parse("beam-p1+--maxBundleSize=50000");
    assertThat(tuned.kind()).isEqualTo(Variant.Kind.BEAM);
    assertThat(tuned.extraArgs()).containsExactly("--maxBundleSize=50000");
    assertThat(tuned.topicId(2)).isEqualTo("beam-p1-maxbundlesize-50000-r2");
    assertThat(Variant.parse("beam-p1-runner-defaults").extraArgs()).contains("--fasterCopy=false");
    assertThatThrownBy(() -> Variant.parse("spark")).hasMessageContaining("flink-sql-p1");
  }

  @Test
  void theEmbeddedBeamJobCheckpointsToFilesLikeTheClusterUnlessTold() {
    Variant.Launch launch =
        new Variant.Launch() {
          @Override
          public List<String> commonJvmOptions() {
            return List.of();
          }

          @Override
          public List<String> flinkJvmOptions() {
            return List.of();
          }

          @Override
          public String benchClassPath() {
            return "classes";
          }

          @Override
          public java.nio.file.Path pipelineJar() {
            return java.nio.file.Path.of("/jobs/pipeline-job-standalone.jar");
          }

          @Override
          public java.nio.file.Path checkpointDirectory(String group) {
            return java.nio.file.Path.of("/bench/checkpoints", group);
          }

          @Override
          public String bootstrapServers() {
            return "127.0.0.1:1";
          }

          @Override
          public String inputTopic() {
            return "website-visit";
          }
        };
    List<String> program =
        Variant.parse("beam-p1").command(launch, "out", "dlq", "stats", "g1", null).get(1);
    assertThat(program)
        .contains(
            "--stateBackend=filesystem", "--stateBackendStoragePath=file:///bench/checkpoints/g1");
    List<String> told =
        Variant.parse("beam-p1+--stateBackend=rocksdb")
            .command(launch, "out", "dlq", "stats", "g1", null)
            .get(1);
    assertThat(told).doesNotContain("--stateBackend=filesystem").contains("--stateBackend=rocksdb");
  }

  @Test
  void theChartIsWellFormedSvgWithABlockPerShape() throws Exception {
    List<ResultsReport.Median> medians =
        List.of(
            new ResultsReport.Median(
                "loop",
                Variant.Kind.LOOP,
                1,
                1,
                true,
                60_000,
                58_000,
                62_000,
                30_000,
                0.9,
                15,
                300,
                250,
                0.5,
                0,
                0),
            new ResultsReport.Median(
                "beam-p1",
                Variant.Kind.BEAM,
                1,
                1,
                true,
                15_000,
                14_000,
                16_000,
                9_000,
                1.0,
                66,
                900,
                800,
                0.3,
                0,
                0),
            new ResultsReport.Median(
                "beam-p2", Variant.Kind.BEAM, 1, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
            new ResultsReport.Median(
                "beam-p1+--maxBundleSize=1",
                Variant.Kind.BEAM,
                1,
                0,
                false,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0));
    String svg = ThroughputChart.svg(List.of(new ThroughputChart.Block(null, medians)));
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(svg)
        .contains("beam-p1", "0.25 x loop", "invalid: the job failed over", "did not finish");

    String shapes =
        ThroughputChart.svg(
            List.of(
                new ThroughputChart.Block("1,000/s, 1,000 users", medians),
                new ThroughputChart.Block("5/s, 1,000 users", medians.subList(0, 2))));
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(shapes.getBytes(StandardCharsets.UTF_8)));
    assertThat(shapes).contains("1,000/s, 1,000 users", "5/s, 1,000 users");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
