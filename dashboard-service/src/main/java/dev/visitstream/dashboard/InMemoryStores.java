package dev.visitstream.dashboard;

import dev.visitstream.dashboard.deadletter.DeadLetterLog;
import dev.visitstream.dashboard.journal.EventJournal;
import dev.visitstream.dashboard.stats.PipelineWindows;
import dev.visitstream.dashboard.stats.RunningCounts;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The bounded in-memory stores, sized from {@link DashboardConfig}, and the clock that seals
 * frames.
 */
public class InMemoryStores {

  @Produces
  @Singleton
  EventJournal journal(DashboardConfig config) {
    if (config.client().bufferEvents() < config.frames().maxEvents()) {
      throw new IllegalArgumentException(
          "dashboard.client.buffer-events ("
              + config.client().bufferEvents()
              + ") must be at least dashboard.frames.max-events ("
              + config.frames().maxEvents()
              + ")");
    }
    return new EventJournal(
        config.journal().capacity(), config.frames().maxEvents(), EventJournal.clockSeededSeq());
  }

  @Produces
  @Singleton
  RunningCounts runningCounts(DashboardConfig config) {
    return new RunningCounts(config.stats().historySeconds(), config.stats().maxDistinctPages());
  }

  @Produces
  @Singleton
  PipelineWindows pipelineWindows(DashboardConfig config) {
    return new PipelineWindows(config.stats().pipelineWindows());
  }

  @Produces
  @Singleton
  DeadLetterLog deadLetterLog(DashboardConfig config) {
    return new DeadLetterLog(config.deadLetters().capacity(), EventJournal.clockSeededSeq());
  }

  /** Events wait at most one frame interval in the open frame before clients can have them. */
  void sealFrames(
      @Observes StartupEvent start, Vertx vertx, EventJournal journal, DashboardConfig config) {
    vertx.setPeriodic(Math.max(1, config.frames().interval().toMillis()), id -> journal.seal());
  }
}
