package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The first message of an aggregates stream: how often a snapshot follows. */
public record StatsHello(
    String stream, String instance, @JsonProperty("interval_ms") long intervalMs) {

  public StatsHello(String instance, long intervalMs) {
    this("stats", instance, intervalMs);
  }
}
