package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.dashboard.DashboardMetrics;
import dev.visitstream.dashboard.deadletter.DeadLetterLog;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/** A client of the dead-letter stream: a cursor into the {@link DeadLetterLog}. */
final class DeadLetterSubscriber extends SseSubscriber {

  private static final int BATCH = 100;

  private final DeadLetterLog log;
  private final ObjectMapper mapper;
  private final DashboardMetrics metrics;
  private long lastSent;

  DeadLetterSubscriber(
      HttpServerResponse response,
      long heartbeatMillis,
      DeadLetterLog log,
      long lastSent,
      ObjectMapper mapper,
      DashboardMetrics metrics) {
    super("dead-letters", response, heartbeatMillis);
    this.log = log;
    this.lastSent = lastSent;
    this.mapper = mapper;
    this.metrics = metrics;
  }

  @Override
  protected void pump() {
    while (canWrite()) {
      long oldest = log.oldestSeq();
      if (lastSent + 1 < oldest) {
        Gap gap =
            Gap.whileReading(lastSent + 1, oldest - 1, "dead letters no longer held in memory");
        write(SseMessage.of(mapper, "gap", oldest - 1, gap));
        metrics.gap();
        lastSent = oldest - 1;
      }
      List<DeadLetterLog.Entry> due = log.after(lastSent, BATCH);
      if (due.isEmpty()) {
        break;
      }
      for (DeadLetterLog.Entry e : due) {
        if (!canWrite()) {
          break;
        }
        write(e.message());
        lastSent = e.letter().seq();
      }
    }
    keepAliveIfIdle();
  }
}
