package dev.visitstream.pipeline.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;

/**
 * What a check of a query found (--check): the check ends in this exception, which main() prints as
 * one line of JSON on standard output ({@link #json()}); anyone else that runs main() (a Flink REST
 * plan) finds the same JSON in the exception's message between {@link #BEGIN} and {@link #END}.
 *
 * <p>The report: {@code tables} (name -> columns of name and SQL type), then either {@code ok:
 * true}, {@code columns} (name, type, key), {@code updating} and {@code explain} (Beam's plan), or
 * {@code ok: false}, {@code error} and {@code line}, {@code column}, {@code endLine}, {@code
 * endColumn} (1-based; 0 when the planner named no position).
 */
public final class QueryCheckReport extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final String BEGIN = "<<visit-stream-query-check>>";
  public static final String END = "<<end-of-query-check>>";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String json;

  private QueryCheckReport(Map<String, Object> report) {
    this(json(report));
  }

  private QueryCheckReport(String json) {
    super(BEGIN + json + END, null, false, false);
    this.json = json;
  }

  /** The report as one line of JSON. */
  public String json() {
    return json;
  }

  static QueryCheckReport planned(QueryPlan plan, boolean submitted) {
    Map<String, Object> report = withTables();
    report.put("ok", true);
    report.put("submitted", submitted);
    List<Map<String, Object>> columns = new ArrayList<>();
    for (QueryPlan.Column column : plan.columns()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", column.name);
      c.put("type", column.type);
      c.put("key", column.key);
      columns.add(c);
    }
    report.put("columns", columns);
    report.put("updating", plan.updating());
    report.put("explain", plan.explain());
    return new QueryCheckReport(report);
  }

  static QueryCheckReport refused(QueryError error) {
    Map<String, Object> report = withTables();
    report.put("ok", false);
    report.put("error", error.getMessage());
    report.put("line", error.line());
    report.put("column", error.column());
    report.put("endLine", error.endLine());
    report.put("endColumn", error.endColumn());
    return new QueryCheckReport(report);
  }

  static QueryCheckReport refused(String message) {
    return refused(new QueryError(message));
  }

  /** The JSON between the markers of the first report in {@code text}; null when there is none. */
  public static String find(String text) {
    int begin = text.indexOf(BEGIN);
    int end = begin < 0 ? -1 : text.indexOf(END, begin);
    return end < 0 ? null : text.substring(begin + BEGIN.length(), end);
  }

  private static Map<String, Object> withTables() {
    Map<String, Object> tables = new LinkedHashMap<>();
    QueryTables.SCHEMAS.forEach((name, schema) -> tables.put(name, columns(schema)));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("tables", tables);
    return report;
  }

  private static List<Map<String, String>> columns(Schema schema) {
    List<Map<String, String>> columns = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      Map<String, String> column = new LinkedHashMap<>();
      column.put("name", field.getName());
      column.put("type", QueryPlan.sqlType(field.getType()));
      columns.add(column);
    }
    return columns;
  }

  private static String json(Map<String, Object> report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
