package dev.visitstream.dashboard.sql;

/** Flink's REST API did not answer: the workbench says so instead of failing obscurely. */
public class ClusterUnavailableException extends RuntimeException {

  public ClusterUnavailableException(String message) {
    super(message);
  }
}
