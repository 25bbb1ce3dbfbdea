package dev.visitstream.dashboard.stream;

import java.util.List;

/**
 * A {@code rows} message of a query's rows stream.
 *
 * @param dropped rows this client's buffer has dropped so far, in all (the page shows the count)
 */
public record QueryRows(List<QueryRowsSubscriber.ResultRow> rows, long dropped) {}
