package dev.visitstream.dashboard.deadletter;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A record of {@code website-dlq} as shown to people: why it was rejected (header {@code
 * dlq.reason}), where it came from ({@code dlq.source.*}) and a text preview of its key and value.
 * Everything here is untrusted text.
 */
public record DeadLetter(
    @JsonProperty("seq") long seq,
    @JsonProperty("received_at") long receivedAt,
    @JsonProperty("reason") String reason,
    @JsonProperty("source_topic") String sourceTopic,
    @JsonProperty("source_partition") String sourcePartition,
    @JsonProperty("source_offset") String sourceOffset,
    @JsonProperty("key") String key,
    @JsonProperty("value") String value,
    @JsonProperty("value_bytes") int valueBytes,
    @JsonProperty("value_truncated") boolean valueTruncated,
    @JsonProperty("dlq_partition") int dlqPartition,
    @JsonProperty("dlq_offset") long dlqOffset,
    @JsonProperty("timestamp") long timestamp) {}
