package dev.visitstream.dashboard.api;

import dev.visitstream.dashboard.stats.StatsPublisher;
import dev.visitstream.dashboard.stats.StatsSnapshot;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/stats")
public class StatsResource {

  private final StatsPublisher publisher;

  public StatsResource(StatsPublisher publisher) {
    this.publisher = publisher;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The aggregates snapshot that /api/stream/stats sends every second")
  public StatsSnapshot stats() {
    return publisher.snapshot();
  }
}
