package dev.visitstream.pipeline.query;

import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.runtime.CalciteContextException;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.parser.SqlParseException;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Why a query cannot run, in the planner's words, and where in the query (1-based line and column
 * of the start and end, 0 when the planner named no position).
 */
public final class QueryError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Calcite lists every token it would have accepted: hundreds of lines that help nobody. */
  private static final String EXPECTED_LIST = "Was expecting";

  private final int line;
  private final int column;
  private final int endLine;
  private final int endColumn;

  QueryError(String message) {
    this(message, 0, 0, 0, 0);
  }

  QueryError(String message, int line, int column, int endLine, int endColumn) {
    super(message);
    this.line = line;
    this.column = column;
    this.endLine = endLine;
    this.endColumn = endColumn;
  }

  /** The innermost positioned cause of a planner failure, else its deepest message. */
  static QueryError from(Throwable failure) {
    String deepest = null;
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SqlParseException && ((SqlParseException) cause).getPos() != null) {
        SqlParserPos pos = ((SqlParseException) cause).getPos();
        return new QueryError(
            withoutExpectedList(cause.getMessage()),
            pos.getLineNum(),
            pos.getColumnNum(),
            pos.getEndLineNum(),
            pos.getEndColumnNum());
      }
      if (cause instanceof CalciteContextException) {
        CalciteContextException context = (CalciteContextException) cause;
        String message =
            context.getCause() != null && context.getCause().getMessage() != null
                ? context.getCause().getMessage()
                : context.getMessage();
        return new QueryError(
            message,
            context.getPosLine(),
            context.getPosColumn(),
            context.getEndPosLine(),
            context.getEndPosColumn());
      }
      if (cause.getMessage() != null) {
        deepest = cause.getMessage();
      }
    }
    return new QueryError(deepest == null ? failure.toString() : withoutExpectedList(deepest));
  }

  private static String withoutExpectedList(String message) {
    int expected = message.indexOf(EXPECTED_LIST);
    return (expected < 0 ? message : message.substring(0, expected)).strip();
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public int endLine() {
    return endLine;
  }

  public int endColumn() {
    return endColumn;
  }
}
