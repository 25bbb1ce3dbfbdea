package dev.visitstream.dashboard.stream;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open SSE connection and its writer. All its state is touched on the connection's own event
 * loop only: {@link #wake()} may be called from any thread and merely schedules {@link #pump()}
 * there (at most one pending). A pump writes only while the connection's write queue is not full,
 * and the queue's drain wakes it again: that is the per-client back-pressure, and nothing a client
 * does can block the ingest or another client.
 */
public abstract class SseSubscriber {

  private final String stream;
  private final HttpServerResponse response;
  private final Context context;
  private final long heartbeatNanos;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean closed;
  private long lastWriteNanos = System.nanoTime();
  private Runnable onClose = () -> {};

  protected SseSubscriber(String stream, HttpServerResponse response, long heartbeatMillis) {
    this.stream = stream;
    this.response = response;
    this.context = Vertx.currentContext();
    this.heartbeatNanos = heartbeatMillis * 1_000_000L;
  }

  public String stream() {
    return stream;
  }

  /** Sends the response head and the first messages, then keeps writing as data comes. */
  final void start(Runnable onClose, Buffer... first) {
    this.onClose = onClose;
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache, no-transform")
        .putHeader("X-Accel-Buffering", "no");
    response.closeHandler(v -> close());
    response.exceptionHandler(t -> close());
    response.drainHandler(v -> wake());
    if (response.closed()) {
      // gone before its handlers were set: nothing would ever call close()
      close();
      return;
    }
    for (Buffer message : first) {
      write(message);
    }
    pump();
  }

  /** Asks for a pump on the connection's event loop; cheap and safe from any thread. */
  public final void wake() {
    if (!closed && scheduled.compareAndSet(false, true)) {
      context.runOnContext(
          v -> {
            scheduled.set(false);
            if (!closed) {
              pump();
            }
          });
    }
  }

  /** Writes what is due, as far as the connection takes it. Runs on the connection's event loop. */
  protected abstract void pump();

  protected final boolean canWrite() {
    return !closed && !response.writeQueueFull();
  }

  protected final void write(Buffer message) {
    response.write(message);
    lastWriteNanos = System.nanoTime();
  }

  protected final long idleNanos() {
    return System.nanoTime() - lastWriteNanos;
  }

  protected final void keepAliveIfIdle() {
    if (idleNanos() >= heartbeatNanos && canWrite()) {
      write(SseMessage.KEEP_ALIVE);
    }
  }

  public final boolean isClosed() {
    return closed;
  }

  final void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }
}
