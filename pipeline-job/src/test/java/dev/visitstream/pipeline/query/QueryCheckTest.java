package dev.visitstream.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The check of a query (--check): what the SQL workbench shows before any job exists. A check
 * builds the query job without running it, so Beam SQL parses and plans the query as a run would.
 */
class QueryCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode check(String query, String... more) throws Exception {
    String[] args = new String[2 + more.length];
    args[0] = "--check=true";
    args[1] = "--query=" + query;
    System.arraycopy(more, 0, args, 2, more.length);
    try {
      QueryPipeline.run(args);
    } catch (QueryCheckReport report) {
      String json = QueryCheckReport.find(report.getMessage());
      assertThat(json).as("report in %s", report.getMessage()).isNotNull();
      return JSON.readTree(json);
    }
    throw new AssertionError("a check must always end in a report");
  }

  @Test
  void aWindowedAggregateIsKeyedByItsWindowAndGroup() throws Exception {
    JsonNode report =
        check(
            "SELECT TUMBLE_START(event_time, INTERVAL '20' SECOND) AS window_start,\n"
                + "  id, COUNT(*) AS visits, SUM(file_size_bytes) AS bytes\n"
                + "FROM visits GROUP BY TUMBLE(event_time, INTERVAL '20' SECOND), id");

    assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.get("updating").asBoolean()).isTrue();
    assertThat(report.get("columns").toString())
        .isEqualTo(
            "[{\"name\":\"window_start\",\"type\":\"TIMESTAMP\",\"key\":true},"
                + "{\"name\":\"id\",\"type\":\"VARCHAR\",\"key\":true},"
                + "{\"name\":\"visits\",\"type\":\"BIGINT\",\"key\":false},"
                + "{\"name\":\"bytes\",\"type\":\"BIGINT\",\"key\":false}]");
    assertThat(report.get("explain").asText()).contains("BeamAggregationRel");
  }

  @Test
  void aColumnComputedFromTheWindowAloneIsAKeyToo() throws Exception {
    JsonNode report =
        check(
            "SELECT TUMBLE_END(event_time, INTERVAL '1' MINUTE) AS window_end, COUNT(*) AS n\n"
                + "FROM visits GROUP BY TUMBLE(event_time, INTERVAL '1' MINUTE)\n"
                + "HAVING COUNT(*) > 1");

    assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.get("columns").get(0).get("key").asBoolean()).isTrue();
    assertThat(report.get("columns").get(1).get("key").asBoolean()).isFalse();
  }

  @Test
  void aFilterAppendsRowsWithoutKeys() throws Exception {
    JsonNode report =
        check("SELECT id, http_request, event_time FROM visits WHERE http_response >= 500");

    assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.get("updating").asBoolean()).isFalse();
    assertThat(report.get("columns").findValuesAsText("key")).containsOnly("false");
  }

  @Test
  void visitsJoinDeadLettersInAWindow() throws Exception {
    JsonNode report =
        check(
            "SELECT v.window_start, v.visits, d.dead_letters FROM\n"
                + " (SELECT TUMBLE_START(event_time, INTERVAL '1' MINUTE) AS window_start, COUNT(*) AS visits\n"
                + "  FROM visits GROUP BY TUMBLE(event_time, INTERVAL '1' MINUTE)) v\n"
                + " JOIN\n"
                + " (SELECT TUMBLE_START(event_time, INTERVAL '1' MINUTE) AS window_start, COUNT(*) AS dead_letters\n"
                + "  FROM dead_letters GROUP BY TUMBLE(event_time, INTERVAL '1' MINUTE)) d\n"
                + " ON v.window_start = d.window_start");

    assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
  }

  @Test
  void aSyntaxErrorIsReportedWithItsPosition() throws Exception {
    JsonNode report = check("SELECT id,\n  COUNT(*) FORM visits");

    assertThat(report.get("ok").asBoolean()).isFalse();
    assertThat(report.get("error").asText()).contains("visits").doesNotContain("Was expecting");
    assertThat(report.get("line").asInt()).isEqualTo(2);
    assertThat(report.get("column").asInt()).isEqualTo(17);
  }

  @Test
  void anUnknownColumnIsReportedWithItsPosition() throws Exception {
    JsonNode report = check("SELECT id,\n  page FROM visits");

    assertThat(report.get("ok").asBoolean()).isFalse();
    assertThat(report.get("error").asText()).contains("page");
    assertThat(report.get("line").asInt()).isEqualTo(2);
    assertThat(report.get("column").asInt()).isEqualTo(3);
    assertThat(report.get("endColumn").asInt()).isEqualTo(6);
  }

  @Test
  void aGroupByWithoutAWindowIsRefusedByThePlanner() throws Exception {
    JsonNode report = check("SELECT id, COUNT(*) FROM visits GROUP BY id");

    assertThat(report.get("ok").asBoolean()).isFalse();
    assertThat(report.get("error").asText()).isNotBlank();
  }

  @Test
  void statementsOtherThanAQueryAreRefused() throws Exception {
    for (String statement :
        new String[] {
          "CREATE EXTERNAL TABLE t (id VARCHAR) TYPE text LOCATION '/tmp/t'",
          "DROP TABLE visits",
          "SET runner = 'DirectRunner'",
          "INSERT INTO dead_letters SELECT * FROM dead_letters",
          "SELECT id FROM visits; SELECT ip FROM visits",
        }) {
      JsonNode report = check(statement);
      assertThat(report.get("ok").asBoolean()).as(statement).isFalse();
      assertThat(report.get("error").asText()).as(statement).isNotBlank();
    }
  }

  @Test
  void anEmptyQueryIsRefused() throws Exception {
    JsonNode report = check("  \n ");

    assertThat(report.get("ok").asBoolean()).isFalse();
    assertThat(report.get("error").asText()).contains("empty");
  }

  @Test
  void unicodeAndControlCharactersAreOnlyText() throws Exception {
    JsonNode report = check("SELECT 'é😀\u0007' AS t, id FROM visits WHERE id <> '\u0000'");

    assertThat(report.has("ok")).isTrue();
  }

  @Test
  void theReportListsTheTablesAQuerySees() throws Exception {
    JsonNode tables = check("SELECT id FROM visits").get("tables");

    assertThat(tables.get("visits").findValuesAsText("name"))
        .startsWith("ip", "id")
        .endsWith("event_ts", "event_time")
        .hasSize(13);
    assertThat(tables.get("visits").get(12).get("type").asText()).isEqualTo("TIMESTAMP");
    assertThat(tables.get("dead_letters").findValuesAsText("name"))
        .contains("reason", "source_partition", "source_offset", "value_preview", "event_time");
  }

  @Test
  void aBadStartIsReportedToo() throws Exception {
    JsonNode report = check("SELECT id FROM visits", "--startFrom=yesterday");

    assertThat(report.get("ok").asBoolean()).isFalse();
    assertThat(report.get("error").asText()).contains("--startFrom");
  }

  @Test
  void aRunRefusesAQueryThatDoesNotPlanBeforeAnythingStarts() {
    assertThatThrownBy(
            () ->
                QueryPipeline.run(
                    new String[] {"--query=SELECT nope FROM visits", "--resultTopic=q-1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("line 1, column 8");
  }

  @Test
  void aQueryReadsTheMainJobsVisitsTopicUnlessTold() {
    assertThat(
            QueryPipeline.options(new String[] {"--query=SELECT id FROM visits", "--check=true"})
                .getInputTopic())
        .isEqualTo("website-visit");
  }

  @Test
  void mainPrintsTheReportAsOneLineOfJson() throws Exception {
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(printed, true, "UTF-8"));
    try {
      dev.visitstream.pipeline.VisitPipeline.main(
          new String[] {"query", "--check=true", "--query=SELECT id FROM visits"});
    } finally {
      System.setOut(out);
    }
    JsonNode report = JSON.readTree(printed.toString("UTF-8").strip());
    assertThat(report.get("ok").asBoolean()).isTrue();
    assertThat(report.get("columns").get(0).get("name").asText()).isEqualTo("id");
  }
}
