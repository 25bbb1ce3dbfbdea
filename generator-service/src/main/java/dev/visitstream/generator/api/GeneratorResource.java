package dev.visitstream.generator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.generator.engine.TrafficGenerator;
import dev.visitstream.generator.settings.GeneratorSettings;
import dev.visitstream.generator.settings.InvalidSettingsException;
import dev.visitstream.generator.settings.SettingsChange;
import dev.visitstream.generator.settings.SettingsViolation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Steers the generator while it runs. */
@Path("/generator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "generator", description = "Start, stop and tune the website-visit traffic")
public class GeneratorResource {

  static final long MAX_COUNT = 1_000_000_000L;

  @Inject TrafficGenerator generator;

  @Inject ObjectMapper json;

  @GET
  @Operation(
      summary =
          "Status: running or not, settings, configured vs achieved rate, sent/acked/failed counts")
  public GeneratorStatus status() {
    return GeneratorStatus.of(generator);
  }

  @GET
  @Path("/config")
  @Operation(summary = "The current settings")
  public GeneratorSettings config() {
    return generator.settings();
  }

  @PATCH
  @Path("/config")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Change some settings; the others stay. All or nothing: one bad field changes nothing.")
  @RequestBody(content = @Content(schema = @Schema(implementation = GeneratorSettings.class)))
  @APIResponse(responseCode = "200", description = "The settings now in force")
  @APIResponse(
      responseCode = "400",
      description = "A field is unknown, of the wrong type or out of range (named)")
  public GeneratorSettings patch(String body) {
    return generator.change(SettingsChange.parse(json, body), false);
  }

  @PUT
  @Path("/config")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Replace the settings: fields left out take their start-up values (application.properties)")
  @RequestBody(content = @Content(schema = @Schema(implementation = GeneratorSettings.class)))
  @APIResponse(responseCode = "200", description = "The settings now in force")
  @APIResponse(
      responseCode = "400",
      description = "A field is unknown, of the wrong type or out of range (named)")
  public GeneratorSettings put(String body) {
    return generator.change(SettingsChange.parse(json, body), true);
  }

  @POST
  @Path("/start")
  @Operation(summary = "Send at the configured rate until stopped (no-op while running)")
  public GeneratorStatus start() {
    generator.start();
    return status();
  }

  @POST
  @Path("/stop")
  @Operation(summary = "Stop sending; records already handed to Kafka are still acked")
  public GeneratorStatus stop() {
    generator.stop();
    return status();
  }

  @POST
  @Path("/send")
  @Operation(
      summary =
          "Send exactly count events at the configured rate, then stop. "
              + "Poll GET /generator until run.state is COMPLETED and run.counts.inFlight is 0.")
  @APIResponse(responseCode = "202", description = "The run has started")
  @APIResponse(responseCode = "400", description = "count is missing or out of range")
  @APIResponse(responseCode = "409", description = "Another run is still sending")
  public Response send(
      @Parameter(description = "events to send, 1 to 1000000000") @RestQuery String count) {
    generator.send(count(count));
    return Response.accepted(status()).build();
  }

  @POST
  @Path("/burst")
  @Operation(
      summary =
          "count extra events as fast as possible: on top of a running run, or alone then stop")
  @APIResponse(responseCode = "202", description = "The burst is under way")
  @APIResponse(responseCode = "400", description = "count is missing or out of range")
  public Response burst(
      @Parameter(description = "events to send, 1 to 1000000000") @RestQuery String count) {
    generator.burst(count(count));
    return Response.accepted(status()).build();
  }

  private static long count(String text) {
    try {
      long count = Long.parseLong(text == null ? "" : text.trim());
      if (count >= 1 && count <= MAX_COUNT) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidSettingsException(
        new SettingsViolation(
            "count", "count must be a whole number between 1 and " + MAX_COUNT + ", got " + text));
  }
}
