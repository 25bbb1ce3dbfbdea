package dev.visitstream.dashboard.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.dashboard.DashboardConfig;
import dev.visitstream.dashboard.journal.EventFilter;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The three SSE endpoints, on the Vert.x router that Quarkus REST also runs on.
 *
 * <p>Why not a Quarkus REST {@code Multi}/{@code SseEventSink} method: that path serialises every
 * event for every client (message body writer, then string, then bytes), a cost that grows with
 * events times clients and so takes, at a high rate with many clients, the CPU the ingest needs.
 * Here each frame is encoded once and the same bytes are written to every connection, and each
 * connection's own write queue is the back-pressure. Plain JSON endpoints stay in Quarkus REST (see
 * the {@code api} package).
 *
 * <ul>
 *   <li>{@code GET /api/stream/events} ? http_response, age_bracket, user_id, page (filters),
 *       history=N, last_event_id=ID (or header Last-Event-ID)
 *   <li>{@code GET /api/stream/stats}
 *   <li>{@code GET /api/stream/dead-letters} ? history=N, last_event_id=ID
 * </ul>
 *
 * A wrong parameter is a 400 with a JSON {@code error} naming it; a client beyond {@code
 * dashboard.max-clients} open connections is a 503 with a JSON {@code error} and {@code
 * Retry-After}.
 */
@ApplicationScoped
public class SseRoutes {

  public static final String EVENTS = "/api/stream/events";
  public static final String STATS = "/api/stream/stats";
  public static final String DEAD_LETTERS = "/api/stream/dead-letters";

  private static final Set<String> EVENTS_PARAMETERS = new TreeSet<>(EventFilter.PARAMETERS);
  private static final Set<String> DEAD_LETTER_PARAMETERS = Set.of("history", "last_event_id");
  private static final int DEAD_LETTER_DEFAULT_HISTORY = 50;

  static {
    EVENTS_PARAMETERS.add("history");
    EVENTS_PARAMETERS.add("last_event_id");
  }

  private final Subscribers subscribers;
  private final DashboardConfig config;
  private final ObjectMapper mapper;

  public SseRoutes(Subscribers subscribers, DashboardConfig config, ObjectMapper mapper) {
    this.subscribers = subscribers;
    this.config = config;
    this.mapper = mapper;
  }

  void install(@Observes Router router) {
    router.get(EVENTS).handler(this::events);
    router.get(STATS).handler(this::stats);
    router.get(DEAD_LETTERS).handler(this::deadLetters);
  }

  private void events(RoutingContext rc) {
    try {
      MultiMap q = rc.queryParams();
      rejectUnknown(q, EVENTS_PARAMETERS);
      Map<String, List<String>> filterValues = new HashMap<>();
      for (String name : EventFilter.PARAMETERS) {
        filterValues.put(name, q.getAll(name));
      }
      EventFilter filter = EventFilter.fromQuery(filterValues);
      int history = intParameter(q, "history", 0, config.client().maxHistory());
      subscribers.openEvents(rc.response(), filter, history, lastEventId(rc));
    } catch (ClientLimitReachedException e) {
      refuse(rc, 503, e.getMessage());
    } catch (IllegalArgumentException e) {
      refuse(rc, 400, e.getMessage());
    }
  }

  private void stats(RoutingContext rc) {
    try {
      rejectUnknown(rc.queryParams(), Set.of());
      subscribers.openStats(rc.response());
    } catch (ClientLimitReachedException e) {
      refuse(rc, 503, e.getMessage());
    } catch (IllegalArgumentException e) {
      refuse(rc, 400, e.getMessage());
    }
  }

  private void deadLetters(RoutingContext rc) {
    try {
      MultiMap q = rc.queryParams();
      rejectUnknown(q, DEAD_LETTER_PARAMETERS);
      int history =
          intParameter(q, "history", DEAD_LETTER_DEFAULT_HISTORY, config.deadLetters().capacity());
      subscribers.openDeadLetters(rc.response(), history, lastEventId(rc));
    } catch (ClientLimitReachedException e) {
      refuse(rc, 503, e.getMessage());
    } catch (IllegalArgumentException e) {
      refuse(rc, 400, e.getMessage());
    }
  }

  /**
   * The browser's own reconnect sends the header; the page's manual reconnect sends the parameter.
   */
  private static Long lastEventId(RoutingContext rc) {
    String header = rc.request().getHeader("Last-Event-ID");
    if (header != null && !header.isBlank()) {
      return parseLong(header, "header 'Last-Event-ID'");
    }
    String param = rc.queryParams().get("last_event_id");
    if (param != null && !param.isBlank()) {
      return parseLong(param, "query parameter 'last_event_id'");
    }
    return null;
  }

  private static Long parseLong(String v, String what) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          what + " must be an event id this stream sent (a number), got '" + abbreviate(v) + "'");
    }
  }

  private static int intParameter(MultiMap q, String name, int fallback, int max) {
    String v = q.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "query parameter '"
            + name
            + "' must be a whole number from 0 to "
            + max
            + ", got '"
            + abbreviate(v)
            + "'");
  }

  private static void rejectUnknown(MultiMap q, Set<String> allowed) {
    for (String name : q.names()) {
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            "unknown query parameter '"
                + abbreviate(name)
                + "'; allowed: "
                + (allowed.isEmpty() ? "none" : String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  private void refuse(RoutingContext rc, int status, String message) {
    String body;
    try {
      body = mapper.writeValueAsString(Map.of("error", message));
    } catch (JsonProcessingException e) {
      body = "{\"error\":\"bad request\"}";
    }
    if (status == 503) {
      rc.response().putHeader("Retry-After", "10");
    }
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  private static String abbreviate(String v) {
    return v.length() <= 40 ? v : v.substring(0, 40) + "…";
  }
}
