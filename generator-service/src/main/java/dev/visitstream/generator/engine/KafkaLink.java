package dev.visitstream.generator.engine;

import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/** How the exchanges with the broker go, for status and readiness. */
public final class KafkaLink {

  public enum State {
    /** Nothing sent yet. */
    UNKNOWN,
    OK,
    /**
     * Records wait for an ack longer than {@link #STALL}: the broker is gone, the producer buffers
     * and retries.
     */
    STALLED,
    /**
     * The producer refused or gave up records (max.block.ms, delivery.timeout.ms) and none was
     * acked since.
     */
    FAILING
  }

  public static final Duration STALL = Duration.ofSeconds(5);
  private static final Logger LOG = Logger.getLogger(KafkaLink.class);

  private volatile long lastAckAt;
  private volatile long lastErrorAt;
  private volatile String lastError;

  void acked() {
    boolean recovering = lastErrorAt != 0 && lastErrorAt >= lastAckAt;
    lastAckAt = System.currentTimeMillis();
    if (recovering) {
      LOG.info("Kafka acknowledges records again");
    }
  }

  void failed(Throwable error) {
    boolean first = !failing();
    lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
    lastErrorAt = System.currentTimeMillis();
    if (first) {
      LOG.warnf("Kafka does not take records: %s (the generator keeps trying)", lastError);
    }
  }

  /** The state given how long the current run's oldest unanswered record has waited. */
  public State state(Duration unanswered) {
    if (failing()) {
      return State.FAILING;
    }
    if (unanswered.compareTo(STALL) > 0) {
      return State.STALLED;
    }
    return lastAckAt == 0 ? State.UNKNOWN : State.OK;
  }

  private boolean failing() {
    long error = lastErrorAt;
    return error != 0 && error >= lastAckAt;
  }

  public Instant lastAckAt() {
    return lastAckAt == 0 ? null : Instant.ofEpochMilli(lastAckAt);
  }

  public Instant lastErrorAt() {
    return lastErrorAt == 0 ? null : Instant.ofEpochMilli(lastErrorAt);
  }

  public String lastError() {
    return lastError;
  }
}
