package dev.visitstream.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * What the input looks like beyond its size: how dense it is in event time, how many users it comes
 * from, how much of it arrives late. These decide how many stats windows and keys the job keeps per
 * visit, so the suite names the shape beside every rate it reports.
 */
record DataShape(int eventsPerSecond, int users, double lateShare, int lateBySeconds) {

  static final DataShape DEFAULT = new DataShape(1_000, 1_000, 0, 30);

  /**
   * The shapes of --shapes all: dense and sparse in event time (a bundle of a sparse backlog spans
   * many stats windows), few and many users, with and without late visits.
   */
  static final List<DataShape> SUITE =
      List.of(
          DEFAULT,
          new DataShape(50, 500, 0, 30),
          new DataShape(5, 1_000, 0, 30),
          new DataShape(1_000, 100, 0, 30),
          new DataShape(1_000, 100_000, 0, 30),
          new DataShape(1_000, 1_000, 0.1, 30));

  DataShape {
    if (eventsPerSecond < 1 || eventsPerSecond > 1_000) {
      // One millisecond is event_ts's finest step, and keys {"event_id","event_ts"} must differ.
      throw new IllegalArgumentException("--events-per-second must lie between 1 and 1000");
    }
    if (lateShare < 0 || lateShare > 1) {
      throw new IllegalArgumentException("shares must lie between 0 and 1");
    }
    if (lateShare > 0 && (lateBySeconds < 1 || lateBySeconds > 86_400 || users < 2)) {
      throw new IllegalArgumentException(
          "--late-share needs --late-by-seconds between 1 and 86400 and --users 2 or more");
    }
  }

  /** A short name for tables: "5/s, 1,000 users" or "1,000/s, 1,000 users, 10 % late by 30 s". */
  String label() {
    String label = String.format(Locale.ROOT, "%,d/s, %,d users", eventsPerSecond, users);
    return lateShare > 0
        ? label + String.format(Locale.ROOT, ", %s %% late by %d s", latePercent(), lateBySeconds)
        : label;
  }

  /** The suite options that give this shape. */
  String options() {
    String options =
        String.format(Locale.ROOT, "--events-per-second %d --users %d", eventsPerSecond, users);
    return lateShare > 0
        ? options + " --late-share " + lateShare + " --late-by-seconds " + lateBySeconds
        : options;
  }

  String latePercent() {
    return new BigDecimal(lateShare * 100)
        .round(new MathContext(3))
        .stripTrailingZeros()
        .toPlainString();
  }
}
