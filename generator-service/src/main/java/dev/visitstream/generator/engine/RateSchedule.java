package dev.visitstream.generator.engine;

/**
 * When events are due at a given rate: tokens accrue with elapsed time since the schedule began and
 * every issued event spends one. The sender emits whatever is due in a batch and sleeps until the
 * next token, so the rate holds over time whatever the sleep granularity. A backlog of more than
 * one second (a stalled broker, a long pause) is forgiven rather than sent as a flood.
 */
final class RateSchedule {

  private static final double NANOS_PER_SECOND = 1e9;

  private final double perNano;
  private final long origin;
  private long issued;

  /** {@code ratePerSecond} 0 = no limit. */
  RateSchedule(double ratePerSecond, long nowNanos) {
    this.perNano = ratePerSecond / NANOS_PER_SECOND;
    this.origin = nowNanos;
  }

  boolean unthrottled() {
    return perNano == 0;
  }

  /** Events due at {@code nowNanos} that have not been issued yet. */
  long due(long nowNanos) {
    if (unthrottled()) {
      return Long.MAX_VALUE;
    }
    long target = (long) ((nowNanos - origin) * perNano);
    long backlogLimit = Math.max(1, (long) (NANOS_PER_SECOND * perNano));
    if (target - issued > backlogLimit) {
      issued = target - backlogLimit;
    }
    return target - issued;
  }

  void issued(long events) {
    issued += events;
  }

  /** Time until the next event is due (0 or less when one is due now). */
  long nanosUntilNext(long nowNanos) {
    if (unthrottled()) {
      return 0;
    }
    return origin + (long) Math.ceil((issued + 1) / perNano) - nowNanos;
  }
}
