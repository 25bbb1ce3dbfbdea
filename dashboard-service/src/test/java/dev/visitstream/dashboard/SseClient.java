package dev.visitstream.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test SSE client that parses every message (field lines, messages split at blank lines, across
 * chunk boundaries). It reads on its own thread once {@link #startReading()} is called: until then
 * it is a stalled client that takes nothing from its socket.
 */
public final class SseClient implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public record Message(String event, String id, String data) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(data);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + data, e);
      }
    }

    public long idAsLong() {
      return Long.parseLong(id);
    }
  }

  private final ChunkedHttpStream http;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private volatile boolean closed;
  private Thread reader;

  private SseClient(ChunkedHttpStream http) {
    this.http = http;
  }

  public static SseClient connect(int port, String pathAndQuery) throws IOException {
    return connect(port, pathAndQuery, Map.of(), 0, true);
  }

  public static SseClient connect(
      int port, String pathAndQuery, Map<String, String> headers, int receiveBuffer, boolean read)
      throws IOException {
    SseClient c =
        new SseClient(
            new ChunkedHttpStream("127.0.0.1", port, pathAndQuery, headers, receiveBuffer));
    if (read) {
      c.startReading();
    }
    return c;
  }

  public int status() {
    return http.status();
  }

  public String header(String name) {
    return http.header(name);
  }

  public synchronized void startReading() {
    if (reader != null) {
      return;
    }
    reader = new Thread(this::readAll, "sse-test-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** The next message, or null when none came within the timeout. */
  public Message next(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Takes messages until one matches; fails after the timeout. Returns all taken, the match last.
   */
  public List<Message> until(Predicate<Message> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Message> taken = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      Message m = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
      if (m == null) {
        throw new AssertionError(
            "no matching message within " + timeout + "; got " + describe(taken));
      }
      taken.add(m);
      if (match.test(m)) {
        return taken;
      }
    }
  }

  private void readAll() {
    StringBuilder pending = new StringBuilder();
    try {
      while (!closed && http.nextChunk()) {
        pending.append(new String(http.chunk(), 0, http.chunkLength(), StandardCharsets.UTF_8));
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
          String block = pending.substring(0, end);
          pending.delete(0, end + 2);
          Message m = parse(block);
          if (m != null) {
            messages.add(m);
          }
        }
      }
    } catch (IOException e) {
      // connection closed
    }
  }

  private static Message parse(String block) {
    String event = "message";
    String id = null;
    StringBuilder data = null;
    for (String line : block.split("\n")) {
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> event = value;
        case "id" -> id = value;
        case "data" ->
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> {}
      }
    }
    return data == null ? null : new Message(event, id, data.toString());
  }

  private static String describe(List<Message> taken) {
    StringBuilder sb = new StringBuilder().append(taken.size()).append(" messages");
    for (int i = Math.max(0, taken.size() - 3); i < taken.size(); i++) {
      Message m = taken.get(i);
      String d = m.data();
      sb.append(" | ")
          .append(m.event())
          .append(" id=")
          .append(m.id())
          .append(' ')
          .append(d.length() > 200 ? d.substring(0, 200) + "…" : d);
    }
    return sb.toString();
  }

  @Override
  public void close() {
    closed = true;
    http.close();
  }
}
