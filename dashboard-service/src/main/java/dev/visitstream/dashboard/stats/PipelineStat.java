package dev.visitstream.dashboard.stats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record of {@code website-stats}: a (window, dimension, value) aggregate from the pipeline.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineStat(
    @JsonProperty("window_start") long windowStart,
    @JsonProperty("window_end") long windowEnd,
    @JsonProperty("dimension") String dimension,
    @JsonProperty("value") String value,
    @JsonProperty("events") long events,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("distinct_users") long distinctUsers) {}
