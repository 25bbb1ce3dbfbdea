package dev.visitstream.bench.dashboard;

/** Delivery lag in milliseconds, weighted by events; 1 ms buckets up to a minute. */
final class LagHistogram {

  private static final int MAX_MS = 60_000;
  private final long[] buckets = new long[MAX_MS + 1];
  private long total;

  synchronized void add(long lagMs, long events) {
    int b = (int) Math.max(0, Math.min(MAX_MS, lagMs));
    buckets[b] += events;
    total += events;
  }

  synchronized void addAll(LagHistogram other) {
    synchronized (other) {
      for (int i = 0; i <= MAX_MS; i++) {
        buckets[i] += other.buckets[i];
      }
      total += other.total;
    }
  }

  synchronized void reset() {
    java.util.Arrays.fill(buckets, 0);
    total = 0;
  }

  synchronized long total() {
    return total;
  }

  /** Lag below which {@code q} (0..1) of the events arrived. */
  synchronized long percentile(double q) {
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i <= MAX_MS; i++) {
      seen += buckets[i];
      if (seen >= rank) {
        return i;
      }
    }
    return MAX_MS;
  }

  synchronized long max() {
    for (int i = MAX_MS; i >= 0; i--) {
      if (buckets[i] > 0) {
        return i;
      }
    }
    return -1;
  }
}
