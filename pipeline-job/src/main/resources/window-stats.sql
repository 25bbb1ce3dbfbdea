-- website-stats: traffic per tumbling window of event time, one row per
-- (window, dimension, value). PCOLLECTION (made by WindowStats) holds the visits summed per
-- window and dimension value: event_time (the newest event_ts of the sum, as TIMESTAMP),
-- dimension ('total', 'http_response', 'age_bracket'), dim_value ('all', '200', '26-40', ...),
-- users (their user ids, packed), events (visits summed), file_size_bytes (their bytes).
-- DISTINCT_USERS counts the distinct users of the packed sets (Beam SQL has no COUNT(DISTINCT ...)).
-- {stats_window} is the stats window as a SQL interval (INTERVAL 'n' SECOND): WindowStats.WINDOW
-- sets its length, because WindowStats sums the visits per that window before this query.
SELECT
  TUMBLE_START(event_time, {stats_window}) AS window_start,
  TUMBLE_END(event_time, {stats_window}) AS window_end,
  dimension,
  dim_value,
  COALESCE(SUM(events), 0) AS events,
  COALESCE(SUM(file_size_bytes), 0) AS bytes,
  DISTINCT_USERS(users) AS distinct_users
FROM PCOLLECTION
GROUP BY TUMBLE(event_time, {stats_window}), dimension, dim_value
-- The runner may aggregate a window whose state is already empty (seen on a Flink cluster when
-- the watermark jumped past a window's end and its allowed lateness at once): no row for that.
HAVING COUNT(*) > 0
