package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Open SSE connections by stream, and how many {@code dashboard.max-clients} allows in all.
 *
 * @param open connections admitted and not closed yet, all streams (what {@code max} caps)
 */
public record ClientCounts(
    int events, int stats, @JsonProperty("dead_letters") int deadLetters, int open, int max) {}
