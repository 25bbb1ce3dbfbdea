package dev.visitstream.dashboard.api;

import dev.visitstream.dashboard.DashboardMetrics;
import dev.visitstream.dashboard.ingest.ConsumerAssignments;
import dev.visitstream.dashboard.journal.EventJournal;
import dev.visitstream.dashboard.stream.Subscribers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/status")
public class StatusResource {

  private final EventJournal journal;
  private final Subscribers subscribers;
  private final DashboardMetrics metrics;
  private final ConsumerAssignments assignment;
  private final String instance;

  public StatusResource(
      EventJournal journal,
      Subscribers subscribers,
      DashboardMetrics metrics,
      ConsumerAssignments assignment,
      @ConfigProperty(name = "quarkus.uuid") String instance) {
    this.journal = journal;
    this.subscribers = subscribers;
    this.metrics = metrics;
    this.assignment = assignment;
    this.instance = instance;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Ingest position, journal bounds, clients (slowest first) and delivery counters")
  public Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("instance", instance);
    s.put("assigned_partitions", assignment.assignedPartitions());
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("first", journal.firstSeq());
    j.put("head", journal.headSeq());
    j.put("oldest", journal.oldestSeq());
    j.put("retained", journal.retainedEvents());
    j.put("capacity", journal.capacity());
    j.put("frames", journal.latestFrameNumber() - journal.oldestFrameNumber() + 1);
    s.put("journal", j);
    s.put("clients", subscribers.counts());
    s.put("event_clients", subscribers.eventClients(20));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("events_in", metrics.eventsInTotal());
    d.put("events_rejected", metrics.eventsRejectedTotal());
    d.put("events_out", metrics.eventsOutTotal());
    d.put("events_dropped", metrics.eventsDroppedTotal());
    d.put("gaps", metrics.gapsTotal());
    s.put("delivery", d);
    return s;
  }
}
