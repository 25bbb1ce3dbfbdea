package dev.visitstream.pipeline.keyed;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitstream.pipeline.VisitPipelineOptions;
import dev.visitstream.pipeline.parse.VisitJson;
import dev.visitstream.pipeline.parse.VisitSchema;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The SQL stage of website-out: the key shape, the value, and how a bad query is refused. */
public class KeyedOutputTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private static Row visit(SampleVisit visit) throws VisitJson.InvalidVisit {
    return VisitJson.parse(visit.bytes());
  }

  private static PCollection<String> encoded(PCollection<Row> keyed) {
    return keyed.apply(
        MapElements.into(TypeDescriptors.strings())
            .via(
                row -> {
                  KeyedOutputJson json = new KeyedOutputJson(row.getSchema());
                  return new String(json.key(row), StandardCharsets.UTF_8)
                      + " => "
                      + new String(json.value(row), StandardCharsets.UTF_8);
                }));
  }

  @Test
  public void builtInQueryKeysEachVisitByEventIdAndEventTs() throws Exception {
    PCollection<Row> visits =
        pipeline.apply(
            Create.of(
                    visit(SampleVisit.of("user-1", 10_000L)),
                    visit(
                        SampleVisit.of("user-2", 20_500L)
                            .with(VisitField.LAT, "")
                            .with(VisitField.LNG, "")))
                .withRowSchema(VisitSchema.SCHEMA));

    PAssert.that(encoded(visits.apply(new KeyedOutput(KeyedOutputQuery.builtIn()))))
        .containsInAnyOrder(
            "{\"event_id\":\"user-1\",\"event_ts\":10000} => "
                + "{\"ip\":\"203.0.113.7\",\"id\":\"user-1\",\"lat\":51.5072,\"lng\":-0.1276,"
                + "\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"age_bracket\":\"26-40\","
                + "\"opted_into_marketing\":true,\"http_request\":\"GET chromista.html HTTP/1.0\","
                + "\"http_response\":200,\"file_size_bytes\":1234,"
                + "\"event_datetime\":\"1970-01-01T00:00:10.000\",\"event_ts\":10000}",
            "{\"event_id\":\"user-2\",\"event_ts\":20500} => "
                + "{\"ip\":\"203.0.113.7\",\"id\":\"user-2\",\"lat\":-1.0,\"lng\":-1.0,"
                + "\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"age_bracket\":\"26-40\","
                + "\"opted_into_marketing\":true,\"http_request\":\"GET chromista.html HTTP/1.0\","
                + "\"http_response\":200,\"file_size_bytes\":1234,"
                + "\"event_datetime\":\"1970-01-01T00:00:20.500\",\"event_ts\":20500}");

    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aCustomQueryCanFilterAndComputeColumns() throws Exception {
    PCollection<Row> visits =
        pipeline.apply(
            Create.of(
                    visit(SampleVisit.of("ok", 1_000L)),
                    visit(SampleVisit.of("missing", 2_000L).with(VisitField.HTTP_RESPONSE, 404)))
                .withRowSchema(VisitSchema.SCHEMA));
    String sql =
        "SELECT id AS event_id, event_ts, ip, lat, lng, UPPER(user_agent) AS user_agent,"
            + " age_bracket, opted_into_marketing, http_request, http_response,"
            + " file_size_bytes, event_datetime FROM PCOLLECTION WHERE http_response >= 400";

    PAssert.that(
            visits
                .apply(new KeyedOutput(KeyedOutputQuery.of(sql, "--sql")))
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(row -> row.getString("event_id") + " " + row.getString("user_agent"))))
        .containsInAnyOrder("missing MOZILLA/5.0 (X11; LINUX X86_64)");

    pipeline.run().waitUntilFinish();
  }

  private static PCollection<Row> visitsOfAnUnrunPipeline() {
    Pipeline unrun = Pipeline.create(PipelineOptionsFactory.create());
    return unrun.apply(Create.empty(VisitSchema.SCHEMA));
  }

  @Test
  public void aQueryThatDoesNotParseIsRefusedNamingItsSource() {
    assertThatThrownBy(
            () ->
                visitsOfAnUnrunPipeline()
                    .apply(
                        new KeyedOutput(KeyedOutputQuery.of("SELEC id FROM PCOLLECTION", "--sql"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--sql: the keyed-output query cannot be planned: ")
        .hasMessageContaining("SELEC");
  }

  @Test
  public void aQueryOnAnUnknownColumnIsRefused() {
    assertThatThrownBy(
            () ->
                visitsOfAnUnrunPipeline()
                    .apply(
                        new KeyedOutput(
                            KeyedOutputQuery.of(
                                "SELECT visitor AS event_id FROM PCOLLECTION", "--sql"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--sql: the keyed-output query cannot be planned: ")
        .hasMessageContaining("visitor");
  }

  @Test
  public void aQueryWithoutTheColumnsOfTheWriterIsRefusedListingThem() throws Exception {
    Path file = folder.newFile("keyed.sql").toPath();
    Files.writeString(
        file,
        "SELECT id AS event_id, CAST(event_ts AS VARCHAR) AS event_ts, ip, lat, lng,"
            + " user_agent, age_bracket, opted_into_marketing, http_request,"
            + " CAST(http_response AS DOUBLE) AS http_response, event_datetime FROM PCOLLECTION");
    VisitPipelineOptions options = PipelineOptionsFactory.as(VisitPipelineOptions.class);
    options.setSqlFile(file.toString());

    assertThatThrownBy(
            () -> visitsOfAnUnrunPipeline().apply(new KeyedOutput(KeyedOutputQuery.from(options))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--sqlFile "
                + file
                + ": the keyed-output query must yield the columns of website-out "
                + KeyedOutput.REQUIRED_COLUMNS.keySet()
                + ": column http_response must be an integer, got DOUBLE;"
                + " column file_size_bytes is missing;"
                + " column event_ts must be an integer, got STRING");
  }

  @Test
  public void anUnreadableSqlFileIsNamed() {
    VisitPipelineOptions options = PipelineOptionsFactory.as(VisitPipelineOptions.class);
    options.setSqlFile("/no/such/keyed.sql");

    assertThatThrownBy(() -> KeyedOutputQuery.from(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--sqlFile: cannot read /no/such/keyed.sql");
  }
}
