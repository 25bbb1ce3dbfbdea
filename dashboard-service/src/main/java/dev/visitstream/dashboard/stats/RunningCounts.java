package dev.visitstream.dashboard.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.visitstream.dashboard.journal.VisitEvent;

/**
 * The dashboard's own counts of what it has received since it started: totals, events per
 * wall-clock second (for the rate chart), by response code, by age bracket and by page. Updated
 * once per Kafka batch; read once per stats interval. Pages are attacker-controlled strings, so
 * at most {@code maxDistinctPages} are counted one by one and the rest as "(other)".
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
     * Counts under {@code key}; once {@link #MAX_DISTINCT} keys are held, new ones count under
     * {@code other}: codes and brackets come from records anyone could write, memory must not.
     */
    private static <K> void count(Map<K, long[]> counts, K key, K other) {
        long[] n = counts.get(key);
        if (n == null) {
            n = counts.computeIfAbsent(counts.size() < MAX_DISTINCT ? key : other, k -> new long[1]);
        }
        n[0]++;
    }

    /** A JSON-friendly view; rate history ends with the last complete second. */
    public synchronized Map<String, Object> snapshot(long nowMillis, int topPages) {
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
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("total", total);
        events.put("bytes", bytes);
        events.put("unknown_location", unknownLocation);
        events.put("opted_into_marketing", optedIn);
        events.put("rate_now", history.isEmpty() ? 0 : history.get(history.size() - 1));
        events.put("rate_last_minute", lastMinute / 60.0);

        List<Map<String, Object>> responses = new ArrayList<>();
        byResponse.forEach((code, n) -> responses.add(entry("code", code, n[0])));
        List<Map<String, Object>> ages = new ArrayList<>();
        byAge.forEach((bracket, n) -> ages.add(entry("bracket", bracket, n[0])));
        List<Map<String, Object>> pages = new ArrayList<>();
        byPage.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> e.getValue()[0]).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(topPages)
                .forEach(e -> pages.add(entry("page", e.getKey(), e.getValue()[0])));
        if (otherPages > 0) {
            pages.add(entry("page", OTHER_PAGES, otherPages));
        }

        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("end_second", lastComplete);
        rate.put("per_second", history);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("rate_history", rate);
        out.put("by_response", responses);
        out.put("by_age", ages);
        out.put("top_pages", pages);
        out.put("distinct_pages", byPage.size());
        return out;
    }

    private static Map<String, Object> entry(String keyName, Object key, long count) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(keyName, key);
        m.put("count", count);
        return m;
    }
}
