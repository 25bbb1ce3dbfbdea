package dev.visitstream.dashboard.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.visitstream.dashboard.stream.ClientCounts;

/**
 * A {@code stats} message (and the body of {@code /api/stats}): the dashboard's running counts, its
 * delivery counters, the journal's bounds and the pipeline's newest windows.
 *
 * @param serverTime epoch ms when it was taken, so the page can tell a stale snapshot
 * @param counts the running counts, written at the top level of the message
 */
public record StatsSnapshot(
    @JsonProperty("server_time") long serverTime,
    String instance,
    @JsonUnwrapped RunningCountsSnapshot counts,
    Delivery delivery,
    Journal journal,
    @JsonProperty("dead_letters") DeadLetters deadLetters,
    PipelineSnapshot pipeline) {

  /** What came in, what went out to the clients and what was lost on the way, since start. */
  public record Delivery(
      @JsonProperty("events_in") long eventsIn,
      @JsonProperty("events_rejected") long eventsRejected,
      @JsonProperty("events_out") long eventsOut,
      @JsonProperty("events_dropped") long eventsDropped,
      long gaps,
      ClientCounts clients) {}

  /** The event journal's bounds: what a reconnecting client can still resume from. */
  public record Journal(long head, long oldest, long retained, int capacity) {}

  /**
   * @param total dead letters seen since start, held or not
   */
  public record DeadLetters(long total) {}
}
