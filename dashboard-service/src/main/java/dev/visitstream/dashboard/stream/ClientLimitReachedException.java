package dev.visitstream.dashboard.stream;

/** A new SSE client would exceed {@code dashboard.max-clients}: answered with 503. */
public final class ClientLimitReachedException extends RuntimeException {

  public ClientLimitReachedException(int max) {
    super(
        "this dashboard already serves its maximum of "
            + max
            + " SSE connections (dashboard.max-clients, env DASHBOARD_MAX_CLIENTS); retry later or raise the limit");
  }
}
