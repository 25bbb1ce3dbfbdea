package dev.visitstream.dashboard;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * The dashboard's own settings (prefix {@code dashboard}). Every key can be set by environment
 * variable, e.g. {@code DASHBOARD_JOURNAL_CAPACITY} for {@code dashboard.journal.capacity}. The
 * defaults live in application.properties only, so that this mapping and the file cannot disagree;
 * a key missing there stops the start naming it.
 */
@ConfigMapping(prefix = "dashboard")
public interface DashboardConfig {

  /**
   * Open SSE connections (all three streams together) the service accepts; one more is refused with
   * 503 and a message, so a crowd of clients cannot exhaust its memory. Env {@code
   * DASHBOARD_MAX_CLIENTS}.
   */
  int maxClients();

  Journal journal();

  Frames frames();

  Client client();

  Stats stats();

  DeadLetters deadLetters();

  interface Journal {
    /** Events kept in memory for reconnecting clients (Last-Event-ID); older ones are a gap. */
    int capacity();
  }

  interface Frames {
    /** How often the newest events are sealed into one SSE frame. */
    Duration interval();

    /**
     * A frame is sealed early when it holds this many events. Each client may hold one frame in its
     * connection's write queue, so this also bounds the memory a slow client pins.
     */
    int maxEvents();
  }

  interface Client {
    /** Events a client may lag behind the newest frame before its oldest ones are dropped. */
    int bufferEvents();

    /** Most events a new client may ask for with {@code history=N}. */
    int maxHistory();

    /** An SSE comment is sent after this much silence, so proxies keep the stream open. */
    Duration heartbeat();
  }

  interface Stats {
    /** How often the aggregates stream sends a snapshot. */
    Duration interval();

    /** Seconds of events/s history in each snapshot. */
    int historySeconds();

    /** Entries in the top pages list. */
    int topPages();

    /** Distinct pages counted one by one; further new pages count as "(other)". */
    int maxDistinctPages();

    /** Pipeline windows (website-stats) kept and sent. */
    int pipelineWindows();
  }

  interface DeadLetters {
    /** Dead letters kept in memory. */
    int capacity();

    /** Characters of a dead letter's key and value shown. */
    int previewChars();
  }
}
