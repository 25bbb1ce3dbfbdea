package dev.visitstream.bench;

import java.util.Arrays;

/** Latency samples in milliseconds, and their percentiles. Not thread-safe: one writer. */
final class Latencies {

  private long[] values = new long[1 << 16];
  private int size;

  void add(long millis) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = millis;
  }

  int count() {
    return size;
  }

  /** The value at quantile q (0..1) by nearest rank; 0 when empty. */
  long percentile(double q) {
    if (size == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * size) - 1;
    return sorted[Math.max(0, Math.min(size - 1, rank))];
  }

  long max() {
    return percentile(1);
  }

  String summary() {
    return size == 0
        ? "no samples"
        : String.format(
            "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%,d events)",
            percentile(0.5), percentile(0.9), percentile(0.99), max(), size);
  }
}
