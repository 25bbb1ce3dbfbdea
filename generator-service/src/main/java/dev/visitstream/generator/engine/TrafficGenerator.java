package dev.visitstream.generator.engine;

import dev.visitstream.generator.settings.GeneratorConfig;
import dev.visitstream.generator.settings.GeneratorSettings;
import dev.visitstream.generator.settings.SettingsChange;
import dev.visitstream.generator.visit.TrafficModel;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The generator as the API sees it: settings that change live, and runs that start, stop, or end
 * after a count. One run sends at a time, on a thread of its own ({@link RunLoop}).
 */
@Startup
@ApplicationScoped
public class TrafficGenerator {

  private static final Logger LOG = Logger.getLogger(TrafficGenerator.class);

  /** Longer than the producer's max.block.ms, the longest a send can hold the sender. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(15);

  @Inject GeneratorConfig config;

  @Inject VisitProducer producer;

  private final SendCounters total = new SendCounters();
  private final KafkaLink link = new KafkaLink();
  private final AtomicLong runIds = new AtomicLong();

  /** Seed of the user pool while no seed is configured: random, fixed for the process. */
  private final long processSeed = ThreadLocalRandom.current().nextLong();

  private ExecutorService sender;
  private GeneratorSettings initial;
  private volatile Setup setup;
  private volatile Run run;

  @PostConstruct
  void init() {
    initial = config.initialSettings();
    setup = new Setup(initial, modelFor(initial));
    sender =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "visit-sender");
              thread.setDaemon(true);
              return thread;
            });
    LOG.infof("generator ready: topic %s, %s", config.topic(), initial);
  }

  public GeneratorSettings settings() {
    return setup.settings();
  }

  /** The settings the application started with (what PUT /generator/config starts from). */
  public GeneratorSettings initialSettings() {
    return initial;
  }

  /** Applies a change as a whole, or refuses it as a whole (InvalidSettingsException). */
  public synchronized GeneratorSettings change(SettingsChange change, boolean fromInitial) {
    GeneratorSettings next = change.applyTo(fromInitial ? initial : setup.settings());
    Setup current = setup;
    boolean newModel =
        next.users() != current.settings().users()
            || !java.util.Objects.equals(next.seed(), current.settings().seed());
    setup = new Setup(next, newModel ? modelFor(next) : current.model());
    Run active = run;
    if (active != null) {
      active.wake();
    }
    LOG.infof("settings changed: %s", next);
    return next;
  }

  /** Starts sending until stopped; a no-op while a run is sending. */
  public synchronized Run start() {
    Run active = run;
    if (active != null && active.active() && !active.stopRequested()) {
      return active;
    }
    return launch(Run.Mode.CONTINUOUS, -1);
  }

  /** Sends exactly {@code count} events at the configured rate, then stops. */
  public synchronized Run send(long count) {
    refuseWhileActive();
    return launch(Run.Mode.COUNT, count);
  }

  /**
   * {@code count} extra events as fast as the producer takes them: on top of a running run, or as a
   * run of their own.
   */
  public synchronized Run burst(long count) {
    Run active = run;
    if (active != null && active.active() && !active.stopRequested()) {
      active.addBurst(count);
      return active;
    }
    return launch(Run.Mode.BURST, count);
  }

  /** Stops the current run and waits (briefly) until its sender has stopped. */
  public synchronized Run stop() {
    Run active = run;
    if (active != null && active.active()) {
      active.requestStop();
      awaitEnd(active);
    }
    return active;
  }

  /** The current or last run; null before the first. */
  public Run currentRun() {
    return run;
  }

  public boolean running() {
    Run active = run;
    return active != null && active.active();
  }

  public SendCounters total() {
    return total;
  }

  public KafkaLink link() {
    return link;
  }

  /** How long the current run's oldest record without an answer from Kafka has waited. */
  public Duration unanswered() {
    Run current = run;
    return current == null ? Duration.ZERO : current.unansweredFor();
  }

  public KafkaLink.State kafkaState() {
    return link.state(unanswered());
  }

  public String topic() {
    return producer.topic();
  }

  public String bootstrapServers() {
    return producer.bootstrapServers();
  }

  private Run launch(Run.Mode mode, long count) {
    Run previous = run;
    if (previous != null && previous.active()) {
      awaitEnd(previous);
    }
    Long seed = setup.settings().seed();
    Run next =
        new Run(
            runIds.incrementAndGet(),
            mode,
            count,
            seed != null ? seed : ThreadLocalRandom.current().nextLong());
    run = next;
    sender.execute(new RunLoop(next, () -> setup, producer, total, link));
    LOG.infof(
        "run %d started: %s%s, seed %d",
        next.id(), mode, mode == Run.Mode.CONTINUOUS ? "" : " of " + count, next.seed());
    return next;
  }

  private void refuseWhileActive() {
    Run active = run;
    if (active != null && active.active() && !active.stopRequested()) {
      throw new GeneratorBusyException(
          "run "
              + active.id()
              + " ("
              + active.mode()
              + ") is still sending; POST /generator/stop first");
    }
  }

  private void awaitEnd(Run active) {
    try {
      if (!active.awaitEnd(STOP_WAIT)) {
        LOG.warnf("run %d did not stop within %s", active.id(), STOP_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private TrafficModel modelFor(GeneratorSettings settings) {
    long started = System.nanoTime();
    TrafficModel model =
        TrafficModel.build(
            settings.users(), settings.seed() != null ? settings.seed() : processSeed);
    LOG.debugf(
        "user pool of %d built in %d ms",
        settings.users(), (System.nanoTime() - started) / 1_000_000);
    return model;
  }

  @PreDestroy
  void shutdown() throws InterruptedException {
    Run active = run;
    if (active != null) {
      active.requestStop();
    }
    sender.shutdown();
    sender.awaitTermination(10, TimeUnit.SECONDS);
  }
}
