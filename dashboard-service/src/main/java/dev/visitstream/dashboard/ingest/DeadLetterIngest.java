package dev.visitstream.dashboard.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.dashboard.DashboardConfig;
import dev.visitstream.dashboard.DashboardMetrics;
import dev.visitstream.dashboard.deadletter.DeadLetter;
import dev.visitstream.dashboard.deadletter.DeadLetterLog;
import dev.visitstream.dashboard.stream.SseMessage;
import dev.visitstream.dashboard.stream.Subscribers;
import dev.visitstream.visit.DeadLetterHeaders;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code website-dlq}: the reason and source headers the pipeline sets, and the rejected key
 * and value as text (invalid UTF-8 shows as U+FFFD; long values are cut to a preview).
 */
@ApplicationScoped
public class DeadLetterIngest {

  private final DeadLetterLog log;
  private final Subscribers subscribers;
  private final DashboardMetrics metrics;
  private final ObjectMapper mapper;
  private final int previewChars;

  public DeadLetterIngest(
      DeadLetterLog log,
      Subscribers subscribers,
      DashboardMetrics metrics,
      ObjectMapper mapper,
      DashboardConfig config) {
    this.log = log;
    this.subscribers = subscribers;
    this.metrics = metrics;
    this.mapper = mapper;
    this.previewChars = config.deadLetters().previewChars();
  }

  @Incoming("website-dlq")
  @NonBlocking
  public void deadLetter(ConsumerRecord<byte[], byte[]> r) {
    String value = text(r.value());
    boolean truncated = value != null && value.length() > previewChars;
    String shownValue = truncated ? value.substring(0, previewChars) : value;
    String key = text(r.key());
    String shownKey =
        key != null && key.length() > previewChars ? key.substring(0, previewChars) : key;
    long now = System.currentTimeMillis();
    log.add(
        seq ->
            new DeadLetter(
                seq,
                now,
                header(r, DeadLetterHeaders.REASON, "(no dlq.reason header)"),
                header(r, DeadLetterHeaders.SOURCE_TOPIC, null),
                header(r, DeadLetterHeaders.SOURCE_PARTITION, null),
                header(r, DeadLetterHeaders.SOURCE_OFFSET, null),
                shownKey,
                shownValue,
                r.value() == null ? 0 : r.value().length,
                truncated,
                r.partition(),
                r.offset(),
                r.timestamp()),
        d -> SseMessage.of(mapper, "dead-letter", d.seq(), d));
    metrics.deadLetter();
    subscribers.deadLetterAdded();
  }

  private static String header(ConsumerRecord<?, ?> r, String name, String fallback) {
    Header h = r.headers().lastHeader(name);
    if (h == null || h.value() == null) {
      return fallback;
    }
    String v = new String(h.value(), StandardCharsets.UTF_8);
    return v.length() > 1000 ? v.substring(0, 1000) : v;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
