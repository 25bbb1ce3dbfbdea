package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * One browser watching a query's rows. Rows wait in this client's own bounded buffer, keyed by the
 * row's key (the newest pane of a window and group replaces the one still waiting; rows without a
 * key wait each under a number of their own), and leave at most {@code rowsPerSecond}, in {@code
 * rows} messages. When the buffer is full the oldest waiting row is dropped and counted.
 */
public final class QueryRowsSubscriber extends SseSubscriber {

  /** A result row: its key (JSON text, or null) and its values (a JSON array). */
  public record ResultRow(String key, JsonNode values) {}

  private final ObjectMapper mapper;
  private final int rowsPerSecond;
  private final int capacity;
  private final LinkedHashMap<Object, ResultRow> waiting = new LinkedHashMap<>();
  private long unkeyed;
  private long dropped;
  private long reportedDropped;
  private double allowance;
  private long lastPumpNanos = System.nanoTime();
  private volatile Buffer farewell;

  private QueryRowsSubscriber(
      HttpServerResponse response,
      ObjectMapper mapper,
      long heartbeatMillis,
      int rowsPerSecond,
      int capacity) {
    super("query-rows", response, heartbeatMillis);
    this.mapper = mapper;
    this.rowsPerSecond = rowsPerSecond;
    this.capacity = capacity;
    this.allowance = rowsPerSecond;
  }

  /**
   * Opens the stream: {@code subscribe} hands the new subscriber the rows kept so far and then each
   * new row; {@code unsubscribe} runs once when the stream ends.
   */
  public static QueryRowsSubscriber open(
      HttpServerResponse response,
      ObjectMapper mapper,
      long heartbeatMillis,
      int rowsPerSecond,
      int capacity,
      QueryHello hello,
      Consumer<QueryRowsSubscriber> subscribe,
      Consumer<QueryRowsSubscriber> unsubscribe) {
    QueryRowsSubscriber subscriber =
        new QueryRowsSubscriber(response, mapper, heartbeatMillis, rowsPerSecond, capacity);
    subscribe.accept(subscriber);
    subscriber.start(
        () -> unsubscribe.accept(subscriber), SseMessage.withRetry(mapper, "query", hello, 2000));
    return subscriber;
  }

  /** A new row (from the consumer thread), or one kept from before this client came. */
  public void offer(ResultRow row) {
    synchronized (waiting) {
      Object key = row.key() == null ? Long.valueOf(unkeyed++) : row.key();
      waiting.remove(key); // re-inserted last: a newer pane waits as the newest row
      waiting.put(key, row);
      if (waiting.size() > capacity) {
        Iterator<Object> oldest = waiting.keySet().iterator();
        oldest.next();
        oldest.remove();
        dropped++;
      }
    }
  }

  @Override
  protected void pump() {
    long now = System.nanoTime();
    allowance = Math.min(rowsPerSecond, allowance + rowsPerSecond * (now - lastPumpNanos) / 1e9);
    lastPumpNanos = now;
    List<ResultRow> batch = new ArrayList<>();
    long droppedNow;
    synchronized (waiting) {
      Iterator<ResultRow> rows = waiting.values().iterator();
      while (allowance >= 1 && rows.hasNext() && canWrite()) {
        batch.add(rows.next());
        rows.remove();
        allowance--;
      }
      droppedNow = dropped;
    }
    if (!batch.isEmpty() || droppedNow != reportedDropped) {
      reportedDropped = droppedNow;
      write(SseMessage.of(mapper, "rows", null, new QueryRows(batch, droppedNow)));
    } else if (farewell != null && canWrite()) {
      write(farewell);
      farewell = null;
    } else {
      keepAliveIfIdle();
    }
  }

  /** Tells the browser that the query ended, and why, after the rows still waiting. */
  public void end(QueryEnded ended) {
    this.farewell = SseMessage.of(mapper, "ended", null, ended);
    wake();
  }
}
