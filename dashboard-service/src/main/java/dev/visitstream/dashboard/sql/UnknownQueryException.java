package dev.visitstream.dashboard.sql;

/** No running query has this id (never started, stopped, or started by an earlier run). */
public class UnknownQueryException extends RuntimeException {

  public UnknownQueryException(String id) {
    super("no running query has the id '" + abbreviate(id) + "'");
  }

  private static String abbreviate(String id) {
    if (id == null) {
      return "";
    }
    return id.length() <= 40 ? id : id.substring(0, 40) + "…";
  }
}
