package dev.visitstream.pipeline.stats;

import dev.visitstream.pipeline.RowJson;
import org.apache.beam.sdk.values.Row;

/**
 * The website-stats record of a stats row: key {"window_start","dimension","value"}, value
 * {"window_start","window_end","dimension","value","events","bytes","distinct_users"}; times in
 * epoch millis.
 */
public final class WindowStatsJson {

  private WindowStatsJson() {}

  public static byte[] key(Row row) {
    return new RowJson()
        .field("window_start", row.getDateTime("window_start"))
        .field("dimension", row.getString("dimension"))
        .field("value", row.getString("dim_value"))
        .toBytes();
  }

  public static byte[] value(Row row) {
    return new RowJson()
        .field("window_start", row.getDateTime("window_start"))
        .field("window_end", row.getDateTime("window_end"))
        .field("dimension", row.getString("dimension"))
        .field("value", row.getString("dim_value"))
        .field("events", row.getInt64("events"))
        .field("bytes", row.getInt64("bytes"))
        .field("distinct_users", row.getInt64("distinct_users"))
        .toBytes();
  }
}
