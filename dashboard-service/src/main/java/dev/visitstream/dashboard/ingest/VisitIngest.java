package dev.visitstream.dashboard.ingest;

import dev.visitstream.dashboard.DashboardMetrics;
import dev.visitstream.dashboard.journal.EventJournal;
import dev.visitstream.dashboard.journal.InvalidVisitException;
import dev.visitstream.dashboard.journal.VisitDecoder;
import dev.visitstream.dashboard.journal.VisitEvent;
import dev.visitstream.dashboard.stats.RunningCounts;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code website-out} a poll batch at a time: parses each record, numbers and appends the
 * batch to the journal, counts it. Nothing here waits for a client. A record that does not follow
 * the contract is counted and logged (at most every 10 s), never shown.
 */
@ApplicationScoped
public class VisitIngest {

  private static final Logger LOG = Logger.getLogger(VisitIngest.class);
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;

  private final VisitDecoder decoder = new VisitDecoder();
  private final EventJournal journal;
  private final RunningCounts counts;
  private final DashboardMetrics metrics;
  private volatile long lastRejectLog = System.nanoTime() - LOG_EVERY_NANOS;

  public VisitIngest(EventJournal journal, RunningCounts counts, DashboardMetrics metrics) {
    this.journal = journal;
    this.counts = counts;
    this.metrics = metrics;
  }

  @Incoming("website-out")
  @NonBlocking
  public void ingest(ConsumerRecords<String, byte[]> records) {
    List<VisitEvent> batch = new ArrayList<>(records.count());
    int rejected = 0;
    for (ConsumerRecord<String, byte[]> r : records) {
      try {
        batch.add(decoder.decode(r.value()));
      } catch (InvalidVisitException e) {
        rejected++;
        logRejected(r, e);
      }
    }
    if (!batch.isEmpty()) {
      journal.append(batch);
      counts.record(batch, System.currentTimeMillis());
      metrics.eventsIn(batch.size());
    }
    if (rejected > 0) {
      metrics.eventsRejected(rejected);
    }
  }

  private void logRejected(ConsumerRecord<String, byte[]> r, InvalidVisitException e) {
    long now = System.nanoTime();
    if (now - lastRejectLog >= LOG_EVERY_NANOS) {
      lastRejectLog = now;
      LOG.warnf(
          "website-out record %s-%d@%d ignored: %s (further ones are counted in "
              + "dashboard_events_rejected_total, logged at most every 10 s)",
          r.topic(), r.partition(), r.offset(), e.getMessage());
    }
  }
}
