package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.dashboard.DashboardMetrics;
import dev.visitstream.dashboard.journal.EventFilter;
import dev.visitstream.dashboard.journal.EventJournal;
import dev.visitstream.dashboard.journal.Frame;
import io.vertx.core.http.HttpServerResponse;

/**
 * A client of the live events stream: a cursor ({@code nextSeq}, {@code nextFrame}) into the {@link
 * EventJournal}. Its buffer is the journal itself: it may fall up to {@code bufferEvents} behind
 * the newest frame; beyond that its oldest pending events are skipped, it jumps to the newest frame
 * and is sent one {@code dropped} message saying how many it lost.
 */
final class LiveEventsSubscriber extends SseSubscriber {

  /**
   * A filtered client that matched nothing for this long gets an empty frame, so its id moves on.
   */
  private static final long PROGRESS_NANOS = 1_000_000_000L;

  private final EventJournal journal;
  private final EventFilter filter;
  private final int bufferEvents;
  private final DashboardMetrics metrics;
  private final ObjectMapper mapper;

  private long nextSeq;
  private long nextFrame;
  private long droppedFrom = -1;
  private long droppedTo;
  private long droppedPending;
  private long delivered;
  private long droppedTotal;

  LiveEventsSubscriber(
      HttpServerResponse response,
      long heartbeatMillis,
      EventJournal journal,
      EventFilter filter,
      int bufferEvents,
      long startSeq,
      DashboardMetrics metrics,
      ObjectMapper mapper) {
    super("events", response, heartbeatMillis);
    this.journal = journal;
    this.filter = filter;
    this.bufferEvents = bufferEvents;
    this.metrics = metrics;
    this.mapper = mapper;
    seek(startSeq);
  }

  @Override
  protected void pump() {
    Frame latest = journal.latest();
    if (latest != null && latest.toSeq() - nextSeq + 1 > bufferEvents) {
      skipTo(latest);
    }
    if (!canWrite()) {
      return;
    }
    announceDrops();
    while (latest != null && nextFrame <= latest.number() && canWrite()) {
      Frame f = journal.frame(nextFrame);
      if (f == null) {
        // forgotten before this client got to it: only when it is far behind
        skipTo(journal.latest());
        announceDrops();
        latest = journal.latest();
        continue;
      }
      long start = nextSeq;
      nextFrame = f.number() + 1;
      nextSeq = f.toSeq() + 1;
      Frame.Encoded m = f.encode(filter, start);
      if (m != null) {
        write(m.buffer());
        delivered += m.events();
        metrics.eventsOut(m.events());
      } else if (idleNanos() >= PROGRESS_NANOS) {
        write(f.progress(start));
      }
    }
    keepAliveIfIdle();
  }

  private void seek(long seq) {
    long frame = journal.frameNumberOf(seq);
    if (frame < 0) {
      seq = journal.oldestSeq();
      frame = journal.frameNumberOf(seq);
    }
    nextSeq = seq;
    nextFrame = Math.max(frame, 0);
  }

  private void skipTo(Frame newest) {
    if (newest == null || newest.fromSeq() <= nextSeq) {
      return;
    }
    long lost = newest.fromSeq() - nextSeq;
    if (droppedFrom < 0) {
      droppedFrom = nextSeq;
    }
    droppedTo = newest.fromSeq() - 1;
    droppedPending += lost;
    droppedTotal += lost;
    metrics.eventsDropped(lost);
    nextSeq = newest.fromSeq();
    nextFrame = newest.number();
  }

  private void announceDrops() {
    if (droppedPending == 0) {
      return;
    }
    Dropped data =
        new Dropped(
            droppedPending,
            droppedFrom,
            droppedTo,
            "this client read more slowly than the stream; its oldest pending events were skipped");
    // the id moves past the skipped events: a reconnect must not ask for them again
    write(SseMessage.of(mapper, "dropped", droppedTo, data));
    droppedPending = 0;
    droppedFrom = -1;
  }

  long delivered() {
    return delivered;
  }

  long dropped() {
    return droppedTotal;
  }

  long behind() {
    Frame latest = journal.latest();
    return latest == null ? 0 : Math.max(0, latest.toSeq() - nextSeq + 1);
  }

  EventFilter filter() {
    return filter;
  }
}
