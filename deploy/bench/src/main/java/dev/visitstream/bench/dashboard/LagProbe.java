package dev.visitstream.bench.dashboard;

import dev.visitstream.dashboard.ChunkedHttpStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One benchmark SSE client on its own thread. It reads every byte, but parses only the start of
 * each chunk: the server writes one SSE message per chunk, and a message starts with
 * {@code event:}, {@code id:} and the frame header {@code {"from":..,"to":..,"count":..,"events":[{"seq":..,"event_ts":..}}.
 * The lag of a frame is now minus the event_ts of its first (oldest) event, counted for all its
 * events: an upper bound. Frames must follow each other without a hole unless a "dropped"
 * message says so; anything else is counted as a sequence error.
 */
final class LagProbe implements Runnable {

  private final int port;
  private final String path;
  private final LagHistogram lag = new LagHistogram();
  private volatile boolean measuring;
  private volatile boolean stop;
  private volatile long events;
  private volatile long dropped;
  private volatile long dropMessages;
  private volatile long sequenceErrors;
  private volatile long bytes;
  private volatile long lastLagMs = Long.MAX_VALUE;
  private volatile String failure;
  private long expectedFrom = -1;
  private ChunkedHttpStream http;

  LagProbe(int port, String path) {
    this.port = port;
    this.path = path;
  }

  void open() throws IOException {
    http = new ChunkedHttpStream("127.0.0.1", port, path, Map.of(), 0);
    if (http.status() != 200) {
      throw new IOException("HTTP " + http.status() + " for " + path);
    }
  }

  @Override
  public void run() {
    try {
      while (!stop && http.nextChunk()) {
        bytes += http.chunkLength();
        handle(http.chunk(), http.chunkLength());
      }
    } catch (IOException e) {
      if (!stop) {
        failure = e.toString();
      }
    }
  }

  private void handle(byte[] b, int len) {
    long now = System.currentTimeMillis();
    int head = Math.min(len, 400);
    String start = new String(b, 0, head, StandardCharsets.US_ASCII);
    if (start.startsWith("event: events\n")) {
      long from = number(start, "\"from\":");
      long to = number(start, "\"to\":");
      long count = number(start, "\"count\":");
      long firstTs = number(start, "\"event_ts\":");
      if (expectedFrom >= 0 && from != expectedFrom) {
        sequenceErrors++;
      }
      expectedFrom = to + 1;
      events += count;
      if (count > 0 && firstTs > 0) {
        lastLagMs = now - firstTs;
        if (measuring) {
          lag.add(lastLagMs, count);
        }
      }
    } else if (start.startsWith("event: dropped\n")) {
      dropMessages++;
      dropped += number(start, "\"dropped\":");
      expectedFrom = number(start, "\"to\":") + 1;
    }
  }

  private static long number(String s, String key) {
    int i = s.indexOf(key);
    if (i < 0) {
      return -1;
    }
    i += key.length();
    long v = 0;
    boolean any = false;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      v = v * 10 + (s.charAt(i++) - '0');
      any = true;
    }
    return any ? v : -1;
  }

  void measure(boolean on) {
    measuring = on;
  }

  void stop() {
    stop = true;
    if (http != null) {
      http.close();
    }
  }

  LagHistogram lag() {
    return lag;
  }

  long events() {
    return events;
  }

  long dropped() {
    return dropped;
  }

  long dropMessages() {
    return dropMessages;
  }

  long sequenceErrors() {
    return sequenceErrors;
  }

  /** Lag of the newest frame received. */
  long lastLagMs() {
    return lastLagMs;
  }

  long bytes() {
    return bytes;
  }

  String failure() {
    return failure;
  }
}
