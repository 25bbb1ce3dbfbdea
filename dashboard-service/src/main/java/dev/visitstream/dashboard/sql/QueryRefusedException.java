package dev.visitstream.dashboard.sql;

/** A query that cannot run, with the planner's (or the workbench's) reason and position. */
public class QueryRefusedException extends RuntimeException {

  private final int line;
  private final int column;
  private final int endLine;
  private final int endColumn;

  public QueryRefusedException(String message) {
    this(message, 0, 0, 0, 0);
  }

  public QueryRefusedException(String message, int line, int column) {
    this(message, line, column, line, column);
  }

  public QueryRefusedException(String message, int line, int column, int endLine, int endColumn) {
    super(message);
    this.line = line;
    this.column = column;
    this.endLine = endLine;
    this.endColumn = endColumn;
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
