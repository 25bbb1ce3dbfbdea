package dev.visitstream.dashboard.api;

import dev.visitstream.dashboard.deadletter.DeadLetter;
import dev.visitstream.dashboard.deadletter.DeadLetterLog;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/dead-letters")
public class DeadLetterResource {

  private final DeadLetterLog log;

  public DeadLetterResource(DeadLetterLog log) {
    this.log = log;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The newest dead letters held, newest first")
  public List<DeadLetter> newest(@QueryParam("limit") @DefaultValue("50") String limit) {
    return log.newest(parseLimit(limit));
  }

  // Taken as text: JAX-RS answers an int parameter that does not convert with a bare 404.
  private static int parseLimit(String limit) {
    try {
      int value = Integer.parseInt(limit.trim());
      if (value >= 1 && value <= 1000) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, like a number out of range
    }
    throw new WebApplicationException(
        Response.status(Response.Status.BAD_REQUEST)
            .type(MediaType.APPLICATION_JSON)
            .entity(
                Map.of(
                    "error",
                    "query parameter 'limit' must be a whole number from 1 to 1000, got '"
                        + limit
                        + "'"))
            .build());
  }
}
