package dev.visitstream.dashboard.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.dashboard.DashboardConfig;
import dev.visitstream.dashboard.stream.QueryHello;
import dev.visitstream.dashboard.stream.QueryRowsSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * {@code GET /api/sql/queries/{id}/rows}: a query's rows over SSE. First a {@code query} message
 * (columns, keys), then {@code rows} messages, at most {@code dashboard.sql.max-rows-per-second}
 * rows a second, and {@code ended} when the query is stopped. Rows are wakened out five times a
 * second, so one message carries a fifth of a second's rows.
 */
@ApplicationScoped
public class QueryRowsRoute {

  public static final String PATH = "/api/sql/queries/:id/rows";

  private final QueryRegistry registry;
  private final SqlConfig config;
  private final DashboardConfig dashboard;
  private final ObjectMapper mapper;

  public QueryRowsRoute(
      QueryRegistry registry, SqlConfig config, DashboardConfig dashboard, ObjectMapper mapper) {
    this.registry = registry;
    this.config = config;
    this.dashboard = dashboard;
    this.mapper = mapper;
  }

  private long wakeTimer = -1;

  void install(@Observes Router router, Vertx vertx) {
    router.get(PATH).handler(this::rows);
    wakeTimer =
        vertx.setPeriodic(
            200,
            id -> {
              for (RunningQuery query : registry.running()) {
                query.results().subscribers().forEach(QueryRowsSubscriber::wake);
              }
            });
  }

  void stop(@Observes ShutdownEvent event, Vertx vertx) {
    vertx.cancelTimer(wakeTimer);
  }

  private void rows(RoutingContext rc) {
    RunningQuery query;
    try {
      query = registry.get(rc.pathParam("id"));
    } catch (UnknownQueryException e) {
      String body;
      try {
        body = mapper.writeValueAsString(Map.of("error", e.getMessage()));
      } catch (JsonProcessingException impossible) {
        body = "{\"error\":\"unknown query\"}";
      }
      rc.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(body);
      return;
    }
    QueryHello hello =
        new QueryHello(query.id(), query.columns(), query.updating(), config.maxRowsPerSecond());
    QueryResults results = query.results();
    QueryRowsSubscriber.open(
        rc.response(),
        mapper,
        dashboard.client().heartbeat().toMillis(),
        config.maxRowsPerSecond(),
        config.keptRows(),
        hello,
        results::add,
        results::remove);
  }
}
