package dev.visitstream.generator.ops;

import dev.visitstream.generator.engine.Run;
import dev.visitstream.generator.engine.SendCounters;
import dev.visitstream.generator.engine.TrafficGenerator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus view of the generator (/q/metrics), read from the counters the sender keeps anyway, so
 * metrics cost nothing per event.
 */
@ApplicationScoped
public class GeneratorMetrics {

  @Inject MeterRegistry registry;

  @Inject TrafficGenerator generator;

  void register(@Observes StartupEvent start) {
    counter("generator.events.sent", "good", s -> s.sentGood());
    counter("generator.events.sent", "malformed", s -> s.sentMalformed());
    counter("generator.events.acked", "good", s -> s.ackedGood());
    counter("generator.events.acked", "malformed", s -> s.ackedMalformed());
    counter("generator.events.failed", "good", s -> s.failedGood());
    counter("generator.events.failed", "malformed", s -> s.failedMalformed());
    FunctionCounter.builder(
            "generator.send.errors", generator, g -> g.total().snapshot().sendErrors())
        .description("records the producer refused (and the generator offered again)")
        .register(registry);
    Gauge.builder("generator.rate.configured", generator, g -> g.settings().rate())
        .description("configured events per second, 0 = as fast as possible")
        .register(registry);
    Gauge.builder(
            "generator.rate.achieved",
            generator,
            g -> {
              Run run = g.currentRun();
              return run == null ? 0 : run.achievedRate();
            })
        .description("events per second over the last 5 s")
        .register(registry);
    Gauge.builder("generator.running", generator, g -> g.running() ? 1 : 0).register(registry);
  }

  private void counter(String name, String kind, ToDoubleFunction<SendCounters.Snapshot> count) {
    FunctionCounter.builder(name, generator, g -> count.applyAsDouble(g.total().snapshot()))
        .tag("kind", kind)
        .register(registry);
  }
}
