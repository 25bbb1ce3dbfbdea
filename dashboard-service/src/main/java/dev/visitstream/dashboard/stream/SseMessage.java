package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One server-sent event, encoded. The data is always JSON written by Jackson, which escapes every
 * control character, so a value can never break out of its {@code data:} line.
 */
public final class SseMessage {

  /** A comment line: ignored by EventSource, keeps idle connections open through proxies. */
  public static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

  private SseMessage() {}

  public static Buffer of(ObjectMapper mapper, String event, Long id, Object data) {
    return Buffer.buffer(bytes(mapper, event, id, data, null));
  }

  /** Like {@link #of} and tells the browser how long to wait before it reconnects. */
  public static Buffer withRetry(ObjectMapper mapper, String event, Object data, long retryMillis) {
    return Buffer.buffer(bytes(mapper, event, null, data, retryMillis));
  }

  private static byte[] bytes(
      ObjectMapper mapper, String event, Long id, Object data, Long retryMillis) {
    String json;
    try {
      json = mapper.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + event + " message", e);
    }
    StringBuilder sb = new StringBuilder(json.length() + 64);
    if (retryMillis != null) {
      sb.append("retry: ").append(retryMillis).append('\n');
    }
    sb.append("event: ").append(event).append('\n');
    if (id != null) {
      sb.append("id: ").append(id).append('\n');
    }
    sb.append("data: ").append(json).append("\n\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
