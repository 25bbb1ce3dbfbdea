package dev.visitstream.generator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** One stretch of sending, from a start to a stop (or to its requested count). */
public final class Run {

  public enum Mode {
    /** Until stopped, at the configured rate. */
    CONTINUOUS,
    /** A fixed number of events at the configured rate, then stop. */
    COUNT,
    /** A fixed number of events as fast as the producer takes them, then stop. */
    BURST
  }

  public enum State {
    RUNNING,
    COMPLETED,
    STOPPED,
    FAILED
  }

  private final long id;
  private final Mode mode;
  private final long requested;
  private final long seed;
  private final Instant startedAt = Instant.now();
  private final long startedNanos = System.nanoTime();
  private final SendCounters counters = new SendCounters();
  private final SendTimeline timeline = new SendTimeline();
  private final AtomicLong burstCredit = new AtomicLong();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile Thread sender;
  private volatile State state = State.RUNNING;
  private volatile Instant endedAt;
  private volatile long endedNanos;
  private volatile String failure;

  Run(long id, Mode mode, long requested, long seed) {
    this.id = id;
    this.mode = mode;
    this.requested = requested;
    this.seed = seed;
  }

  public long id() {
    return id;
  }

  public Mode mode() {
    return mode;
  }

  /** Events asked for; null for a continuous run. */
  public Long requested() {
    return mode == Mode.CONTINUOUS ? null : requested;
  }

  public long seed() {
    return seed;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant endedAt() {
    return endedAt;
  }

  public State state() {
    return state;
  }

  public String failure() {
    return failure;
  }

  public boolean active() {
    return state == State.RUNNING;
  }

  public SendCounters counters() {
    return counters;
  }

  public Duration elapsed() {
    long end = state == State.RUNNING ? System.nanoTime() : endedNanos;
    return Duration.ofNanos(end - startedNanos);
  }

  /** Events per second over the last few seconds (0 once the run has ended). */
  public double achievedRate() {
    return active() ? timeline.perSecond(System.nanoTime(), counters.sentTotal()) : 0;
  }

  /** Events per second over the whole run. */
  public double averageRate() {
    double seconds = elapsed().toNanos() / 1e9;
    return seconds > 0 ? counters.sentTotal() / seconds : 0;
  }

  /** How long the oldest record of this run without an answer from Kafka has waited (about). */
  public Duration unansweredFor() {
    SendCounters.Snapshot now = counters.snapshot();
    return Duration.ofNanos(
        timeline.unansweredNanos(System.nanoTime(), now.acked() + now.failed()));
  }

  SendTimeline timeline() {
    return timeline;
  }

  long remainingCount() {
    return mode == Mode.CONTINUOUS ? Long.MAX_VALUE : requested;
  }

  void addBurst(long events) {
    burstCredit.addAndGet(events);
    wake();
  }

  long burstCredit() {
    return burstCredit.get();
  }

  void spendBurst(long events) {
    burstCredit.addAndGet(-events);
  }

  void requestStop() {
    stopRequested = true;
    wake();
  }

  boolean stopRequested() {
    return stopRequested;
  }

  void senderIs(Thread thread) {
    sender = thread;
  }

  /** Cuts a sleep of the sender short, so a stop or a new setting takes effect at once. */
  void wake() {
    Thread thread = sender;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  void end(State finalState, String why) {
    endedNanos = System.nanoTime();
    endedAt = Instant.now();
    failure = why;
    state = finalState;
    ended.countDown();
  }

  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
