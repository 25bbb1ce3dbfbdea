package dev.visitstream.deploy;

import java.time.Duration;

/**
 * Waits for a condition of the stack under test, with a deadline and no timing claim: a check that
 * throws (a part still down, a refused connection) counts as "not yet".
 */
final class Polling {

  interface Check {
    boolean holds() throws Exception;
  }

  private Polling() {}

  /** Polls until {@code check} holds; returns how long that took. */
  static Duration awaitTrue(String what, Duration deadline, Check check)
      throws InterruptedException {
    long start = System.nanoTime();
    long end = start + deadline.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (check.holds()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > end) {
        AssertionError failure =
            new AssertionError(
                "not within "
                    + deadline.toSeconds()
                    + " s: "
                    + what
                    + (last == null ? "" : " (last error: " + last + ")"));
        if (last != null) {
          failure.initCause(last);
        }
        throw failure;
      }
      Thread.sleep(500);
    }
  }
}
