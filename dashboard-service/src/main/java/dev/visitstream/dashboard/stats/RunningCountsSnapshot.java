package dev.visitstream.dashboard.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The dashboard's own counts over every visit it has read, as the page shows them.
 *
 * @param topPages the most visited pages, most first; the pages beyond the distinct-pages cap count
 *     together as {@link RunningCounts#OTHER_PAGES}
 * @param distinctPages pages counted one by one (at most the cap)
 */
public record RunningCountsSnapshot(
    Events events,
    @JsonProperty("rate_history") RateHistory rateHistory,
    @JsonProperty("by_response") List<ResponseCount> byResponse,
    @JsonProperty("by_age") List<AgeCount> byAge,
    @JsonProperty("top_pages") List<PageCount> topPages,
    @JsonProperty("distinct_pages") int distinctPages) {

  /**
   * @param rateNow events in the last complete second
   * @param rateLastMinute events per second over the last 60 complete seconds
   */
  public record Events(
      long total,
      long bytes,
      @JsonProperty("unknown_location") long unknownLocation,
      @JsonProperty("opted_into_marketing") long optedIntoMarketing,
      @JsonProperty("rate_now") long rateNow,
      @JsonProperty("rate_last_minute") double rateLastMinute) {}

  /** Events per second, oldest first; the last one is the second {@code endSecond} (epoch s). */
  public record RateHistory(
      @JsonProperty("end_second") long endSecond,
      @JsonProperty("per_second") List<Long> perSecond) {}

  public record ResponseCount(int code, long count) {}

  public record AgeCount(String bracket, long count) {}

  public record PageCount(String page, long count) {}
}
