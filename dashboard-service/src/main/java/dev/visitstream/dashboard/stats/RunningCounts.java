package dev.visitstream.dashboard.stats;

import dev.visitstream.dashboard.journal.VisitEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's own counts of what it has received since it started: totals, events per
 * wall-clock second (for the rate chart), by response code, by age bracket and by page. Updated
 * once per Kafka batch; read once per stats interval. Pages are attacker-controlled strings, so at
 * most {@code maxDistinctPages} are counted one by one and the rest as "(other)".
 */
public final class RunningCounts {

  public static final String OTHER_PAGES = "(other)";

  /** Distinct response codes and age brackets counted one by one. */
  static final int MAX_DISTINCT = 100;

  private final int historySeconds;
  private final int maxDistinctPages;
  private final long[] perSecond;
  private final long[] secondOf;
  private final Map<Integer, long[]> byResponse = new TreeMap<>();
  private final Map<String, long[]> byAge = new TreeMap<>();
  private final Map<String, long[]> byPage = new HashMap<>();
  private long total;
  private long bytes;
  private long unknownLocation;
  private long optedIn;
  private long otherPages;

  public RunningCounts(int historySeconds, int maxDistinctPages) {
    this.historySeconds = historySeconds;
    this.maxDistinctPages = maxDistinctPages;
    this.perSecond = new long[historySeconds + 2];
    this.secondOf = new long[historySeconds + 2];
  }

  public synchronized void record(List<VisitEvent> events, long nowMillis) {
    long second = nowMillis / 1000;
    int slot = (int) (second % perSecond.length);
    if (secondOf[slot] != second) {
      secondOf[slot] = second;
      perSecond[slot] = 0;
    }
    perSecond[slot] += events.size();
    for (VisitEvent e : events) {
      total++;
      if (e.fileSizeBytes() != null) {
        bytes += e.fileSizeBytes();
      }
      if (!e.hasLocation()) {
        unknownLocation++;
      }
      if (Boolean.TRUE.equals(e.optedIntoMarketing())) {
        optedIn++;
      }
      count(byResponse, e.httpResponse(), Integer.valueOf(0));
      count(byAge, e.ageBracket() == null ? "(none)" : e.ageBracket(), OTHER_PAGES);
      long[] page = byPage.get(e.page());
      if (page == null && byPage.size() < maxDistinctPages) {
        page = new long[1];
        byPage.put(e.page(), page);
      }
      if (page == null) {
        otherPages++;
      } else {
        page[0]++;
      }
    }
  }

  /**
   * Counts under {@code key}; once {@link #MAX_DISTINCT} keys are held, new ones count under {@code
   * other}: codes and brackets come from records anyone could write, memory must not.
   */
  private static <K> void count(Map<K, long[]> counts, K key, K other) {
    long[] n = counts.get(key);
    if (n == null) {
      n = counts.computeIfAbsent(counts.size() < MAX_DISTINCT ? key : other, k -> new long[1]);
    }
    n[0]++;
  }

  /** A JSON-friendly view; rate history ends with the last complete second. */
  public synchronized RunningCountsSnapshot snapshot(long nowMillis, int topPages) {
    long lastComplete = nowMillis / 1000 - 1;
    List<Long> history = new ArrayList<>(historySeconds);
    for (long s = lastComplete - historySeconds + 1; s <= lastComplete; s++) {
      int slot = (int) (Math.floorMod(s, perSecond.length));
      history.add(secondOf[slot] == s ? perSecond[slot] : 0L);
    }
    long lastMinute = 0;
    for (int i = Math.max(0, history.size() - 60); i < history.size(); i++) {
      lastMinute += history.get(i);
    }
    RunningCountsSnapshot.Events events =
        new RunningCountsSnapshot.Events(
            total,
            bytes,
            unknownLocation,
            optedIn,
            history.isEmpty() ? 0 : history.get(history.size() - 1),
            lastMinute / 60.0);

    List<RunningCountsSnapshot.ResponseCount> responses = new ArrayList<>();
    byResponse.forEach(
        (code, n) -> responses.add(new RunningCountsSnapshot.ResponseCount(code, n[0])));
    List<RunningCountsSnapshot.AgeCount> ages = new ArrayList<>();
    byAge.forEach((bracket, n) -> ages.add(new RunningCountsSnapshot.AgeCount(bracket, n[0])));
    List<RunningCountsSnapshot.PageCount> pages = new ArrayList<>();
    byPage.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, long[]>>comparingLong(e -> e.getValue()[0])
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(topPages)
        .forEach(e -> pages.add(new RunningCountsSnapshot.PageCount(e.getKey(), e.getValue()[0])));
    if (otherPages > 0) {
      pages.add(new RunningCountsSnapshot.PageCount(OTHER_PAGES, otherPages));
    }

    return new RunningCountsSnapshot(
        events,
        new RunningCountsSnapshot.RateHistory(lastComplete, history),
        responses,
        ages,
        pages,
        byPage.size());
  }
}
