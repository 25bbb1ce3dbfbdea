package dev.visitstream.dashboard.stream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Supplier;

/**
 * A client of the aggregates stream. Every snapshot is complete in itself, so a client that cannot
 * take one now simply gets the next: nothing queues up for it.
 */
final class StatsSubscriber extends SseSubscriber {

  private final Supplier<Buffer> latest;
  private Buffer sent;

  StatsSubscriber(HttpServerResponse response, long heartbeatMillis, Supplier<Buffer> latest) {
    super("stats", response, heartbeatMillis);
    this.latest = latest;
  }

  @Override
  protected void pump() {
    Buffer snapshot = latest.get();
    if (snapshot != null && snapshot != sent && canWrite()) {
      write(snapshot);
      sent = snapshot;
    }
    keepAliveIfIdle();
  }
}
