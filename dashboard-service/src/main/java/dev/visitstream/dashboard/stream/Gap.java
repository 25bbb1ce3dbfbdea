package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A {@code gap} message: what a client asked for, or would have got next, is not held any more (or
 * never was, by this instance). Its SSE id is the last sequence it covers, so a reconnect does not
 * ask for the same range again.
 *
 * @param lastEventId the id a reconnecting client resumed after; absent when the gap opened while
 *     it read
 * @param missed how many were lost; null when that cannot be known (a restart, an unknown id)
 * @param from first sequence lost, when known
 * @param to last sequence lost, when known
 */
public record Gap(
    @JsonProperty("last_event_id") @JsonInclude(JsonInclude.Include.NON_NULL) Long lastEventId,
    @JsonInclude(JsonInclude.Include.ALWAYS) Long missed,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long from,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long to,
    String reason) {

  /** A reconnecting client's gap whose size and range cannot be known. */
  static Gap afterUnknown(long lastEventId, String reason) {
    return new Gap(lastEventId, null, null, null, reason);
  }

  /** A reconnecting client's gap from {@code from} to {@code to}. */
  static Gap afterRange(long lastEventId, long from, long to, String reason) {
    return new Gap(lastEventId, to - from + 1, from, to, reason);
  }

  /** A gap that opened while the client was reading. */
  static Gap whileReading(long from, long to, String reason) {
    return new Gap(null, to - from + 1, from, to, reason);
  }
}
