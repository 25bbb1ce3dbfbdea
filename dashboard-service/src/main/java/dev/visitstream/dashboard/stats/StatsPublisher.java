package dev.visitstream.dashboard.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.dashboard.DashboardConfig;
import dev.visitstream.dashboard.DashboardMetrics;
import dev.visitstream.dashboard.deadletter.DeadLetterLog;
import dev.visitstream.dashboard.journal.EventJournal;
import dev.visitstream.dashboard.stream.SseMessage;
import dev.visitstream.dashboard.stream.Subscribers;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the aggregates snapshot every stats interval, encodes it once and lets every stats client
 * have the same bytes: the dashboard's own running counts, the pipeline's newest windows
 * (website-stats) and how delivery is going.
 */
@ApplicationScoped
public class StatsPublisher {

  private final RunningCounts counts;
  private final PipelineWindows pipeline;
  private final DeadLetterLog deadLetters;
  private final EventJournal journal;
  private final Subscribers subscribers;
  private final DashboardMetrics metrics;
  private final DashboardConfig config;
  private final ObjectMapper mapper;
  private final String instance;

  private volatile Buffer latestMessage;

  public StatsPublisher(
      RunningCounts counts,
      PipelineWindows pipeline,
      DeadLetterLog deadLetters,
      EventJournal journal,
      Subscribers subscribers,
      DashboardMetrics metrics,
      DashboardConfig config,
      ObjectMapper mapper,
      @ConfigProperty(name = "quarkus.uuid") String instance) {
    this.counts = counts;
    this.pipeline = pipeline;
    this.deadLetters = deadLetters;
    this.journal = journal;
    this.subscribers = subscribers;
    this.metrics = metrics;
    this.config = config;
    this.mapper = mapper;
    this.instance = instance;
  }

  void start(@Observes StartupEvent start, Vertx vertx) {
    publish();
    vertx.setPeriodic(Math.max(100, config.stats().interval().toMillis()), id -> publish());
  }

  /** The newest snapshot as an SSE message. */
  public Buffer latestMessage() {
    Buffer m = latestMessage;
    return m != null ? m : SseMessage.of(mapper, "stats", null, snapshot());
  }

  public StatsSnapshot snapshot() {
    long now = System.currentTimeMillis();
    return new StatsSnapshot(
        now,
        instance,
        counts.snapshot(now, config.stats().topPages()),
        new StatsSnapshot.Delivery(
            metrics.eventsInTotal(),
            metrics.eventsRejectedTotal(),
            metrics.eventsOutTotal(),
            metrics.eventsDroppedTotal(),
            metrics.gapsTotal(),
            subscribers.counts()),
        new StatsSnapshot.Journal(
            journal.headSeq(), journal.oldestSeq(), journal.retainedEvents(), journal.capacity()),
        new StatsSnapshot.DeadLetters(deadLetters.total()),
        pipeline.snapshot());
  }

  private void publish() {
    latestMessage = SseMessage.of(mapper, "stats", null, snapshot());
    subscribers.statsPublished();
  }
}
