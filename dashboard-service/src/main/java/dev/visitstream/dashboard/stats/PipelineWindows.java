package dev.visitstream.dashboard.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The newest windows of the pipeline's aggregates ({@code website-stats}). A record for a
 * (window, dimension, value) seen again replaces the earlier one (a late update of the window).
 */
public final class PipelineWindows {

    private static final int MAX_VALUES_PER_DIMENSION = 100;

    private final int keep;
    private final TreeMap<Long, Window> windows = new TreeMap<>();
    private long records;

    public PipelineWindows(int keep) {
        this.keep = keep;
    }

    public synchronized void record(PipelineStat s) {
        records++;
        if (windows.size() >= keep && s.windowStart() < windows.firstKey()) {
            return;
        }
        Window w = windows.computeIfAbsent(s.windowStart(), k -> new Window(s.windowEnd()));
        Map<String, Map<String, Object>> values = w.dimensions.computeIfAbsent(s.dimension(), k -> new TreeMap<>());
        if (values.size() < MAX_VALUES_PER_DIMENSION || values.containsKey(s.value())) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("events", s.events());
            cell.put("bytes", s.bytes());
            cell.put("distinct_users", s.distinctUsers());
            values.put(s.value(), cell);
        }
        while (windows.size() > keep) {
            windows.pollFirstEntry();
        }
    }

    /** Oldest window first. */
    public synchronized Map<String, Object> snapshot() {
        List<Map<String, Object>> list = new ArrayList<>(windows.size());
        windows.forEach((start, w) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("window_start", start);
            m.put("window_end", w.end);
            w.dimensions.forEach((dimension, values) -> m.put(dimension, new LinkedHashMap<>(values)));
            list.add(m);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", records);
        out.put("windows", list);
        return out;
    }

    private static final class Window {
        final long end;
        final Map<String, Map<String, Map<String, Object>>> dimensions = new TreeMap<>();

        Window(long end) {
            this.end = end;
        }
    }
}
