package dev.visitstream.dashboard.sql;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A query this service started: its id, text and start, its Flink job, result topic and group (all
 * named {@code <prefix><id>}), the columns its check reported, and its results.
 */
record RunningQuery(
    String id,
    String query,
    String startFrom,
    String name,
    String jobId,
    long startedAt,
    JsonNode columns,
    boolean updating,
    QueryResults results) {}
