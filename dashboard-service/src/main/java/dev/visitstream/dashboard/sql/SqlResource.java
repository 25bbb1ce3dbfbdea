package dev.visitstream.dashboard.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The SQL workbench's API. Errors are JSON {@code error} (and {@code line}, {@code column}, {@code
 * endLine}, {@code endColumn} for a query that cannot run): 400 a query refused, 404 an unknown
 * query, 409 a limit reached, 503 Flink unreachable.
 */
@Path("/api/sql")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SqlResource {

  /** What the page sends to check or run a query. */
  public record QueryRequest(String query, String startFrom) {}

  private final QueryCheck check;
  private final QueryRegistry registry;
  private final FlinkCluster flink;
  private final SqlConfig config;

  public SqlResource(
      QueryCheck check, QueryRegistry registry, FlinkCluster flink, SqlConfig config) {
    this.check = check;
    this.registry = registry;
    this.flink = flink;
    this.config = config;
  }

  /** The cluster's reachability, its free slots and the workbench's limits. */
  @GET
  public Map<String, Object> status() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("flink_url", flink.url());
    try {
      status.put("free_slots", flink.freeSlots());
      status.put("cluster", "reachable");
    } catch (RuntimeException e) {
      status.put("cluster", "unreachable");
      status.put("error", e.getMessage());
    }
    status.put("max_queries", config.maxQueries());
    status.put("max_query_chars", config.maxQueryChars());
    status.put("max_rows_per_second", config.maxRowsPerSecond());
    status.put("idle_timeout_seconds", config.idleTimeout().toSeconds());
    status.put("token_required", config.apiToken().filter(t -> !t.isBlank()).isPresent());
    return status;
  }

  /** The tables a query sees and their columns, as the query job defines them. */
  @GET
  @Path("tables")
  public JsonNode tables() {
    return check.tables();
  }

  /**
   * Parses and plans a query without running it: columns and Beam's plan, or the error and its
   * position.
   */
  @POST
  @Path("check")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonNode check(QueryRequest request) {
    return check.check(
        request == null ? null : request.query(), request == null ? null : request.startFrom());
  }

  @POST
  @Path("queries")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response run(QueryRequest request) {
    RunningQuery query =
        registry.start(
            request == null ? null : request.query(), request == null ? null : request.startFrom());
    return Response.status(Response.Status.CREATED).entity(registry.describe(query)).build();
  }

  @GET
  @Path("queries")
  public List<Map<String, Object>> queries() {
    return registry.list();
  }

  @DELETE
  @Path("queries/{id}")
  public Response stop(@PathParam("id") String id) {
    registry.stop(id);
    return Response.noContent().build();
  }

  @ServerExceptionMapper
  public Response refused(QueryRefusedException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.getMessage());
    body.put("line", e.line());
    body.put("column", e.column());
    body.put("endLine", e.endLine());
    body.put("endColumn", e.endColumn());
    return Response.status(400).type(MediaType.APPLICATION_JSON).entity(body).build();
  }

  @ServerExceptionMapper
  public Response unknown(UnknownQueryException e) {
    return error(404, e.getMessage());
  }

  @ServerExceptionMapper
  public Response limit(QueryLimitException e) {
    return error(409, e.getMessage());
  }

  @ServerExceptionMapper
  public Response unreachable(ClusterUnavailableException e) {
    return error(503, e.getMessage());
  }

  @ServerExceptionMapper
  public Response failed(IllegalStateException e) {
    return error(502, e.getMessage());
  }

  static Response error(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", message))
        .build();
  }
}
