package dev.visitstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and resident memory of one process, read from /proc every 200 ms on a daemon thread:
 * user+system CPU from /proc/PID/stat, VmRSS and VmHWM (peak) from /proc/PID/status.
 */
final class ProcessSampler implements AutoCloseable {

  private static final long PERIOD_MS = 200;

  /** USER_HZ: 100 on every Linux the JDK runs on (getconf CLK_TCK). */
  private static final double TICKS_PER_SECOND = 100;

  record Sample(long atMillis, double cpuSeconds, long rssKb, long peakRssKb) {}

  private final long pid;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  ProcessSampler(long pid) {
    this.pid = pid;
    this.thread = new Thread(this::loop, "sampler-" + pid);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      Sample sample = read();
      if (sample == null) {
        return;
      }
      synchronized (samples) {
        samples.add(sample);
      }
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Null once the process is gone. */
  Sample read() {
    try {
      long now = System.currentTimeMillis();
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      long rss = 0;
      long peak = 0;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kilobytes(line);
        } else if (line.startsWith("VmHWM:")) {
          peak = kilobytes(line);
        }
      }
      return new Sample(now, ticks / TICKS_PER_SECOND, rss, peak);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long kilobytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /** CPU seconds used between two wall-clock instants (linear between samples). */
  double cpuSecondsBetween(long fromMillis, long toMillis) {
    return cpuAt(toMillis) - cpuAt(fromMillis);
  }

  private double cpuAt(long atMillis) {
    synchronized (samples) {
      if (samples.isEmpty()) {
        return 0;
      }
      Sample before = samples.get(0);
      for (Sample sample : samples) {
        if (sample.atMillis() >= atMillis) {
          if (sample.atMillis() == before.atMillis()) {
            return sample.cpuSeconds();
          }
          double share =
              (double) (atMillis - before.atMillis()) / (sample.atMillis() - before.atMillis());
          return before.cpuSeconds()
              + Math.max(0, share) * (sample.cpuSeconds() - before.cpuSeconds());
        }
        before = sample;
      }
      return before.cpuSeconds();
    }
  }

  long peakRssKb() {
    synchronized (samples) {
      return samples.stream().mapToLong(Sample::peakRssKb).max().orElse(0);
    }
  }

  double meanRssKbBetween(long fromMillis, long toMillis) {
    synchronized (samples) {
      return samples.stream()
          .filter(s -> s.atMillis() >= fromMillis && s.atMillis() <= toMillis)
          .mapToLong(Sample::rssKb)
          .average()
          .orElse(samples.isEmpty() ? 0 : samples.get(samples.size() - 1).rssKb());
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
