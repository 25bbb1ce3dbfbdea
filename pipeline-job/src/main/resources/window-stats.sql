-- website-stats: traffic per 10 s tumbling window of event time, one row per
-- (window, dimension, value). PCOLLECTION (made by WindowStats) holds the visits summed per
-- window and dimension value: event_time (the newest event_ts of the sum, as TIMESTAMP),
-- dimension ('total', 'http_response', 'age_bracket'), dim_value ('all', '200', '26-40', ...),
-- users (their user ids, packed), events (visits summed), file_size_bytes (their bytes).
-- DISTINCT_USERS counts the distinct users of the packed sets (Beam SQL has no COUNT(DISTINCT ...)).
-- WindowStats sums per window before this query: its WINDOW_SECONDS must match the TUMBLEs here.
SELECT
  TUMBLE_START(event_time, INTERVAL '10' SECOND) AS window_start,
  TUMBLE_END(event_time, INTERVAL '10' SECOND) AS window_end,
  dimension,
  dim_value,
  COALESCE(SUM(events), 0) AS events,
  COALESCE(SUM(file_size_bytes), 0) AS bytes,
  DISTINCT_USERS(users) AS distinct_users
FROM PCOLLECTION
GROUP BY TUMBLE(event_time, INTERVAL '10' SECOND), dimension, dim_value
-- The runner may aggregate a window whose state is already empty (seen on a Flink cluster when
-- the watermark jumped past a window's end and its allowed lateness at once): no row for that.
HAVING COUNT(*) > 0
