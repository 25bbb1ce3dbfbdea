package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The first message ({@code query}) of a query's rows stream: what the rows' values mean.
 *
 * @param columns the result's columns, in the order of each row's values
 * @param updating whether a newer row may replace an older one with the same key (a windowed or
 *     grouped result), rather than every row being new
 */
public record QueryHello(
    String id,
    JsonNode columns,
    boolean updating,
    @JsonProperty("max_rows_per_second") int maxRowsPerSecond) {}
