package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The first message of a live events stream: where this client starts in the journal and how the
 * stream is paced, so the page can tell a fresh start from a resumed one.
 *
 * @param instance this dashboard's run; a different one after a reconnect means a restart
 * @param start sequence of the first event this client will get
 * @param lastEventId the id the client resumed after; absent on a fresh start
 */
public record EventsHello(
    String stream,
    String instance,
    long head,
    long oldest,
    long start,
    @JsonProperty("buffer_events") int bufferEvents,
    @JsonProperty("frame_interval_ms") long frameIntervalMs,
    Map<String, Object> filter,
    @JsonProperty("last_event_id") @JsonInclude(JsonInclude.Include.NON_NULL) Long lastEventId) {

  public EventsHello(
      String instance,
      long head,
      long oldest,
      long start,
      int bufferEvents,
      long frameIntervalMs,
      Map<String, Object> filter,
      Long lastEventId) {
    this(
        "events",
        instance,
        head,
        oldest,
        start,
        bufferEvents,
        frameIntervalMs,
        filter,
        lastEventId);
  }
}
