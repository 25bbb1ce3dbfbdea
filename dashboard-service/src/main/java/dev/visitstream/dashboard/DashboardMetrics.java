package dev.visitstream.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The dashboard's counters, exported on {@code /q/metrics} (Prometheus names in brackets): events
 * in [dashboard_events_in_total], events rejected as not following the contract
 * [dashboard_events_rejected_total], events written to clients [dashboard_events_out_total], events
 * skipped for clients too slow to take them [dashboard_events_dropped_total], reconnects that could
 * not be resumed [dashboard_stream_gaps_total], dead letters seen [dashboard_dead_letters_total],
 * SSE connections refused at the client cap [dashboard_sse_refused_total]. Client counts are gauges
 * registered by the subscriber registry.
 */
@ApplicationScoped
public class DashboardMetrics {

  private final Counter eventsIn;
  private final Counter eventsRejected;
  private final Counter eventsOut;
  private final Counter eventsDropped;
  private final Counter gaps;
  private final Counter deadLetters;
  private final Counter refused;

  public DashboardMetrics(MeterRegistry registry) {
    eventsIn =
        Counter.builder("dashboard.events.in")
            .description("Events read from website-out")
            .register(registry);
    eventsRejected =
        Counter.builder("dashboard.events.rejected")
            .description("website-out records that do not follow the visit contract")
            .register(registry);
    eventsOut =
        Counter.builder("dashboard.events.out")
            .description("Events written to SSE clients")
            .register(registry);
    eventsDropped =
        Counter.builder("dashboard.events.dropped")
            .description("Events skipped for SSE clients too slow to take them")
            .register(registry);
    gaps =
        Counter.builder("dashboard.stream.gaps")
            .description("Reconnects whose missed events were no longer held")
            .register(registry);
    deadLetters =
        Counter.builder("dashboard.dead.letters")
            .description("Records read from website-dlq")
            .register(registry);
    refused =
        Counter.builder("dashboard.sse.refused")
            .description("SSE connections refused because dashboard.max-clients were open")
            .register(registry);
  }

  public void eventsIn(int n) {
    eventsIn.increment(n);
  }

  public void eventsRejected(int n) {
    eventsRejected.increment(n);
  }

  public void eventsOut(int n) {
    eventsOut.increment(n);
  }

  public void eventsDropped(long n) {
    eventsDropped.increment(n);
  }

  public void refused() {
    refused.increment();
  }

  public void gap() {
    gaps.increment();
  }

  public void deadLetter() {
    deadLetters.increment();
  }

  public long eventsInTotal() {
    return (long) eventsIn.count();
  }

  public long eventsOutTotal() {
    return (long) eventsOut.count();
  }

  public long eventsDroppedTotal() {
    return (long) eventsDropped.count();
  }

  public long eventsRejectedTotal() {
    return (long) eventsRejected.count();
  }

  public long gapsTotal() {
    return (long) gaps.count();
  }
}
