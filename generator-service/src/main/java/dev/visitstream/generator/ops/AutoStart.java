package dev.visitstream.generator.ops;

import dev.visitstream.generator.engine.TrafficGenerator;
import dev.visitstream.generator.settings.GeneratorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** generator.autostart=true: send from start-up on, as the original datagen did. */
@ApplicationScoped
public class AutoStart {

  @Inject GeneratorConfig config;

  @Inject TrafficGenerator generator;

  void onStart(@Observes StartupEvent start) {
    if (config.autostart()) {
      generator.start();
    }
  }
}
