package dev.visitstream.generator.engine;

/**
 * Samples of a run's sent count over time (one every 250 ms, the last 16 s). They give the achieved
 * rate, and how long the oldest record still without an answer from Kafka has waited: the sign of a
 * broker that stopped answering while the producer still buffers.
 */
final class SendTimeline {

  private static final long SAMPLE_EVERY_NANOS = 250_000_000L;
  private static final long RATE_WINDOW_NANOS = 5_000_000_000L;
  private static final int SLOTS = 64;

  private final long[] times = new long[SLOTS];
  private final long[] counts = new long[SLOTS];
  private int newest = -1;
  private int size;
  private volatile long lastSampleNanos = Long.MIN_VALUE / 2;

  /** Cheap to call often: keeps at most one sample every 250 ms. */
  void sample(long nowNanos, long sent) {
    if (nowNanos - lastSampleNanos < SAMPLE_EVERY_NANOS) {
      return;
    }
    synchronized (this) {
      newest = (newest + 1) % SLOTS;
      times[newest] = nowNanos;
      counts[newest] = sent;
      size = Math.min(size + 1, SLOTS);
      lastSampleNanos = nowNanos;
    }
  }

  /** Events per second between the oldest sample of the last 5 s and now. */
  synchronized double perSecond(long nowNanos, long sentNow) {
    int oldest = -1;
    for (int age = 0; age < size; age++) {
      int slot = slot(age);
      if (nowNanos - times[slot] > RATE_WINDOW_NANOS) {
        break;
      }
      oldest = slot;
    }
    if (oldest < 0 || nowNanos - times[oldest] < SAMPLE_EVERY_NANOS / 2) {
      return 0;
    }
    return (sentNow - counts[oldest]) * 1e9 / (nowNanos - times[oldest]);
  }

  /**
   * At least how long some sent record has been waiting for its ack (or failure), 0 when all
   * records sent up to the last sample are answered. {@code answered} = acked + failed.
   */
  synchronized long unansweredNanos(long nowNanos, long answered) {
    long since = -1;
    for (int age = 0; age < size; age++) {
      int slot = slot(age);
      if (counts[slot] <= answered) {
        break;
      }
      since = times[slot];
    }
    return since < 0 ? 0 : nowNanos - since;
  }

  private int slot(int age) {
    return Math.floorMod(newest - age, SLOTS);
  }
}
