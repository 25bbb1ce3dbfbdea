package dev.visitstream.bench;

/**
 * One timed run of one variant. The window is the broker's append time of the first to the last
 * output record; "from start" also counts the JVM and job start-up.
 */
record RunResult(
    Variant variant,
    int round,
    long events,
    OutputWatch.Outcome outcome,
    long jobStartedAtMillis,
    double jobCpuSeconds,
    long jobPeakRssKb,
    double jobMeanRssKb,
    double brokerCpuSeconds,
    double loadAverageAtStart,
    OutputCheck.Report check,
    boolean correct,
    int taskFailures) {

  /** All outputs there, and no failover on the way (a restarted job's rate means nothing). */
  boolean complete() {
    return outcome.complete() && taskFailures == 0;
  }

  long windowMillis() {
    return Math.max(1, outcome.lastAppendMillis() - outcome.firstAppendMillis());
  }

  double eventsPerSecond() {
    return events * 1000.0 / windowMillis();
  }

  double eventsPerSecondFromStart() {
    return events * 1000.0 / Math.max(1, outcome.lastAppendMillis() - jobStartedAtMillis);
  }

  /** Mean cores the job process used in the window. */
  double jobCores() {
    return jobCpuSeconds * 1000.0 / windowMillis();
  }

  double brokerCores() {
    return brokerCpuSeconds * 1000.0 / windowMillis();
  }

  /** CPU milliseconds the job spent per 1,000 events: its cost, less sensitive to a noisy host. */
  double cpuMillisPerThousandEvents() {
    return jobCpuSeconds * 1000.0 / (events / 1000.0);
  }
}
