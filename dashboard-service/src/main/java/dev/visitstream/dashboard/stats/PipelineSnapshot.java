package dev.visitstream.dashboard.stats;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's newest windows ({@code website-stats}), oldest first.
 *
 * @param records website-stats records read since start, kept or not
 */
public record PipelineSnapshot(long records, List<Window> windows) {

  /**
   * One window: per dimension ({@code total}, {@code http_response}, ...) its values' aggregates,
   * each dimension a field of its own in the message.
   */
  public record Window(
      @JsonProperty("window_start") long windowStart,
      @JsonProperty("window_end") long windowEnd,
      @JsonAnyGetter Map<String, Map<String, Aggregate>> dimensions) {}

  /** One (window, dimension, value)'s aggregate, as the pipeline last wrote it. */
  public record Aggregate(
      long events, long bytes, @JsonProperty("distinct_users") long distinctUsers) {}
}
