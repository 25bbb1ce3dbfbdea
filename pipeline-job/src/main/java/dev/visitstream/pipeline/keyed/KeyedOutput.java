package dev.visitstream.pipeline.keyed;

import dev.visitstream.pipeline.runner.StableSqlNames;
import dev.visitstream.visit.OutRecordKey;
import dev.visitstream.visit.VisitField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * The SQL stage of website-out: {@link SqlTransform} over the parsed visits (PCOLLECTION). The
 * query is planned here, while the pipeline is built, so a query that does not parse or does not
 * yield the columns that {@link WriteKeyedOutput} needs stops the job before it runs, with a
 * message that names the query's source and the problem.
 */
public final class KeyedOutput extends PTransform<PCollection<Row>, PCollection<Row>> {

  public static final String EVENT_ID = OutRecordKey.EVENT_ID;

  /** A column that website-out needs, and the kinds of SQL types that can fill it. */
  private enum Kind {
    TEXT("a string", Set.of(TypeName.STRING)),
    INTEGER("an integer", Set.of(TypeName.BYTE, TypeName.INT16, TypeName.INT32, TypeName.INT64)),
    NUMBER(
        "a number",
        Set.of(
            TypeName.BYTE,
            TypeName.INT16,
            TypeName.INT32,
            TypeName.INT64,
            TypeName.FLOAT,
            TypeName.DOUBLE,
            TypeName.DECIMAL)),
    BOOLEAN("a boolean", Set.of(TypeName.BOOLEAN));

    final String description;
    final Set<TypeName> accepted;

    Kind(String description, Set<TypeName> accepted) {
      this.description = description;
      this.accepted = accepted;
    }
  }

  /** In website-out value order; "id" of the contract is event_id here (the key's name). */
  static final Map<String, Kind> REQUIRED_COLUMNS = requiredColumns();

  private static Map<String, Kind> requiredColumns() {
    Map<String, Kind> columns = new LinkedHashMap<>();
    for (VisitField field : VisitField.ALL) {
      columns.put(field == VisitField.ID ? EVENT_ID : field.jsonName(), kind(field));
    }
    return columns;
  }

  private static Kind kind(VisitField field) {
    switch (field.type()) {
      case TEXT:
        return Kind.TEXT;
      case BOOLEAN:
        return Kind.BOOLEAN;
      case INT:
      case BIGINT:
        return Kind.INTEGER;
      case POSITION:
        return Kind.NUMBER;
      default:
        throw new IllegalArgumentException("no SQL kind for " + field.type());
    }
  }

  private final KeyedOutputQuery query;

  public KeyedOutput(KeyedOutputQuery query) {
    this.query = query;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> visits) {
    PCollection<Row> keyed;
    try {
      // No auto-loading: the job reads no SQL tables, and it keeps the planner away from the
      // table providers of other IOs (BigQuery, Pub/Sub...) that the job jar leaves out.
      keyed =
          StableSqlNames.apply(
              visits, "Sql", SqlTransform.query(query.sql()).withAutoLoading(false));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          query.source() + ": the keyed-output query cannot be planned: " + rootMessage(e), e);
    }
    List<String> problems = problems(keyed.getSchema());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          query.source()
              + ": the keyed-output query must yield the columns of website-out "
              + REQUIRED_COLUMNS.keySet()
              + ": "
              + String.join("; ", problems));
    }
    return keyed;
  }

  static List<String> problems(Schema schema) {
    List<String> problems = new ArrayList<>();
    REQUIRED_COLUMNS.forEach(
        (name, kind) -> {
          if (!schema.hasField(name)) {
            problems.add("column " + name + " is missing");
            return;
          }
          TypeName actual = schema.getField(name).getType().getTypeName();
          if (!kind.accepted.contains(actual)) {
            problems.add("column " + name + " must be " + kind.description + ", got " + actual);
          }
        });
    return problems;
  }

  private static String rootMessage(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
    }
    return message.toString();
  }
}
