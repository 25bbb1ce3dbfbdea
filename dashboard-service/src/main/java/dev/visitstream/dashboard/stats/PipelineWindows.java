package dev.visitstream.dashboard.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The newest windows of the pipeline's aggregates ({@code website-stats}). A record for a (window,
 * dimension, value) seen again replaces the earlier one (a late update of the window).
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
    Map<String, PipelineSnapshot.Aggregate> values =
        w.dimensions.computeIfAbsent(s.dimension(), k -> new TreeMap<>());
    if (values.size() < MAX_VALUES_PER_DIMENSION || values.containsKey(s.value())) {
      values.put(
          s.value(), new PipelineSnapshot.Aggregate(s.events(), s.bytes(), s.distinctUsers()));
    }
    while (windows.size() > keep) {
      windows.pollFirstEntry();
    }
  }

  /** Oldest window first. */
  public synchronized PipelineSnapshot snapshot() {
    List<PipelineSnapshot.Window> list = new ArrayList<>(windows.size());
    windows.forEach(
        (start, w) -> {
          Map<String, Map<String, PipelineSnapshot.Aggregate>> dimensions = new LinkedHashMap<>();
          w.dimensions.forEach(
              (dimension, values) -> dimensions.put(dimension, new LinkedHashMap<>(values)));
          list.add(new PipelineSnapshot.Window(start, w.end, dimensions));
        });
    return new PipelineSnapshot(records, list);
  }

  private static final class Window {
    final long end;
    final Map<String, Map<String, PipelineSnapshot.Aggregate>> dimensions = new TreeMap<>();

    Window(long end) {
      this.end = end;
    }
  }
}
