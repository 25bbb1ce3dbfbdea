package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.dashboard.DashboardConfig;
import dev.visitstream.dashboard.DashboardMetrics;
import dev.visitstream.dashboard.deadletter.DeadLetterLog;
import dev.visitstream.dashboard.journal.EventFilter;
import dev.visitstream.dashboard.journal.EventJournal;
import dev.visitstream.dashboard.stats.StatsPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every open SSE client, by stream. Opens new ones (working out where a reconnecting client
 * resumes), wakes them when there is something new, and once a second anyway (keep-alives, and a
 * stalled client's drops are counted even while it reads nothing).
 */
@ApplicationScoped
public class Subscribers {

  private static final long RETRY_MILLIS = 2000;

  private final Set<LiveEventsSubscriber> events = ConcurrentHashMap.newKeySet();
  private final Set<StatsSubscriber> stats = ConcurrentHashMap.newKeySet();
  private final Set<DeadLetterSubscriber> deadLetters = ConcurrentHashMap.newKeySet();

  /** Connections admitted and not closed yet, all streams: what dashboard.max-clients caps. */
  private final AtomicInteger open = new AtomicInteger();

  private final EventJournal journal;
  private final DeadLetterLog deadLetterLog;
  private final StatsPublisher statsPublisher;
  private final DashboardConfig config;
  private final DashboardMetrics metrics;
  private final ObjectMapper mapper;
  private final String instance;
  private final long firstSeq;
  private final long firstDeadLetterSeq;

  public Subscribers(
      EventJournal journal,
      DeadLetterLog deadLetterLog,
      StatsPublisher statsPublisher,
      DashboardConfig config,
      DashboardMetrics metrics,
      ObjectMapper mapper,
      @ConfigProperty(name = "quarkus.uuid") String instance) {
    this.journal = journal;
    this.deadLetterLog = deadLetterLog;
    this.statsPublisher = statsPublisher;
    this.config = config;
    this.metrics = metrics;
    this.mapper = mapper;
    this.instance = instance;
    this.firstSeq = journal.firstSeq();
    this.firstDeadLetterSeq = deadLetterLog.firstSeq();
  }

  void start(@Observes StartupEvent start, Vertx vertx, MeterRegistry registry) {
    journal.onSeal(frame -> events.forEach(SseSubscriber::wake));
    registerGauge(registry, "events", events);
    registerGauge(registry, "stats", stats);
    registerGauge(registry, "dead-letters", deadLetters);
    vertx.setPeriodic(
        1000,
        id -> {
          events.forEach(SseSubscriber::wake);
          stats.forEach(SseSubscriber::wake);
          deadLetters.forEach(SseSubscriber::wake);
        });
  }

  /**
   * Opens a live events stream. Where it starts: after {@code lastEventId} when given (what is no
   * longer held, or more than one client buffer back, is reported as one {@code gap} message), else
   * {@code history} events back, else at the newest event.
   */
  public void openEvents(
      HttpServerResponse response, EventFilter filter, int history, Long lastEventId) {
    admit();
    int buffer = config.client().bufferEvents();
    long head = journal.headSeq();
    long oldest = journal.oldestSeq();
    long start;
    Gap gap = null;
    if (lastEventId != null) {
      long wanted = lastEventId + 1;
      long floor = Math.max(oldest, head + 1 - buffer);
      if (wanted > head + 1) {
        start = head + 1;
        gap =
            Gap.afterUnknown(lastEventId, "unknown id: newer than anything this instance has sent");
      } else if (wanted < firstSeq) {
        start = floor;
        gap =
            Gap.afterUnknown(
                lastEventId, "the dashboard restarted since; events before its start are not held");
      } else if (wanted < floor) {
        start = floor;
        gap =
            Gap.afterRange(
                lastEventId,
                wanted,
                floor - 1,
                wanted < oldest
                    ? "events no longer held in memory"
                    : "more events missed than one client buffer holds");
      } else {
        start = wanted;
      }
    } else {
      start = Math.max(oldest, head + 1 - history);
    }

    EventsHello hello =
        new EventsHello(
            instance,
            head,
            oldest,
            start,
            buffer,
            config.frames().interval().toMillis(),
            filter.describe(),
            lastEventId);

    LiveEventsSubscriber s =
        new LiveEventsSubscriber(
            response, heartbeatMillis(), journal, filter, buffer, start, metrics, mapper);
    events.add(s);
    Buffer helloMessage = SseMessage.withRetry(mapper, "hello", hello, RETRY_MILLIS);
    if (gap == null) {
      s.start(closer(events, s), helloMessage);
    } else {
      metrics.gap();
      // the gap's id is the last sequence it covers, so the client's Last-Event-ID moves past it
      s.start(closer(events, s), helloMessage, SseMessage.of(mapper, "gap", start - 1, gap));
    }
  }

  public void openStats(HttpServerResponse response) {
    admit();
    StatsHello hello = new StatsHello(instance, config.stats().interval().toMillis());
    StatsSubscriber s =
        new StatsSubscriber(response, heartbeatMillis(), statsPublisher::latestMessage);
    stats.add(s);
    s.start(closer(stats, s), SseMessage.withRetry(mapper, "hello", hello, RETRY_MILLIS));
  }

  /**
   * Opens a dead-letter stream: after {@code lastEventId} when given, else {@code history} back.
   */
  public void openDeadLetters(HttpServerResponse response, int history, Long lastEventId) {
    admit();
    long head = deadLetterLog.headSeq();
    long oldest = deadLetterLog.oldestSeq();
    long lastSent;
    Gap gap = null;
    if (lastEventId == null) {
      lastSent = Math.max(head - history, oldest - 1);
    } else if (lastEventId > head) {
      lastSent = head;
      gap = Gap.afterUnknown(lastEventId, "unknown id: newer than anything this instance has sent");
    } else if (lastEventId < firstDeadLetterSeq - 1) {
      lastSent = oldest - 1;
      gap =
          Gap.afterUnknown(
              lastEventId,
              "the dashboard restarted since; dead letters before its start are not held");
    } else {
      // older than what is held: the subscriber itself reports that gap with its size
      lastSent = lastEventId;
    }
    DeadLettersHello hello = new DeadLettersHello(instance, head, deadLetterLog.total());
    DeadLetterSubscriber s =
        new DeadLetterSubscriber(
            response, heartbeatMillis(), deadLetterLog, lastSent, mapper, metrics);
    deadLetters.add(s);
    Buffer helloMessage = SseMessage.withRetry(mapper, "hello", hello, RETRY_MILLIS);
    if (gap == null) {
      s.start(closer(deadLetters, s), helloMessage);
    } else {
      metrics.gap();
      s.start(closer(deadLetters, s), helloMessage, SseMessage.of(mapper, "gap", lastSent, gap));
    }
  }

  /**
   * Takes one of the {@code dashboard.max-clients} places, or refuses. Validation comes first (a
   * bad request is a 400 even when full); the place is given back when the connection closes.
   */
  private void admit() {
    int max = config.maxClients();
    while (true) {
      int n = open.get();
      if (n >= max) {
        metrics.refused();
        throw new ClientLimitReachedException(max);
      }
      if (open.compareAndSet(n, n + 1)) {
        return;
      }
    }
  }

  private <S extends SseSubscriber> Runnable closer(Set<S> clients, S s) {
    return () -> {
      clients.remove(s);
      open.decrementAndGet();
    };
  }

  public void statsPublished() {
    stats.forEach(SseSubscriber::wake);
  }

  public void deadLetterAdded() {
    deadLetters.forEach(SseSubscriber::wake);
  }

  public ClientCounts counts() {
    return new ClientCounts(
        events.size(), stats.size(), deadLetters.size(), open.get(), config.maxClients());
  }

  /** The live events clients, slowest first (for {@code /api/status}). */
  public List<EventClient> eventClients(int max) {
    return events.stream()
        .sorted((a, b) -> Long.compare(b.behind(), a.behind()))
        .limit(max)
        .map(s -> new EventClient(s.behind(), s.delivered(), s.dropped(), s.filter().describe()))
        .toList();
  }

  private long heartbeatMillis() {
    return config.client().heartbeat().toMillis();
  }

  private static void registerGauge(MeterRegistry registry, String stream, Set<?> clients) {
    Gauge.builder("dashboard.sse.clients", clients, Set::size)
        .description("Open SSE connections")
        .tag("stream", stream)
        .register(registry);
  }
}
