package dev.visitstream.dashboard.sql;

/** A limit of the workbench (queries at once, free task slots) stops a new query. */
public class QueryLimitException extends RuntimeException {

  public QueryLimitException(String message) {
    super(message);
  }
}
