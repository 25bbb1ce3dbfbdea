-- website-out: one row per parsed visit (PCOLLECTION, schema in VisitSchema).
-- event_id and event_ts become the record key {"event_id": ..., "event_ts": ...}; the columns
-- below, one per field of the visit contract (visit-contract's VisitField), become the value JSON
-- in the contract's order, where event_id is written back under its contract name "id". A field
-- added to the contract is selected here too: the job does not start without it.
-- lat/lng are already -1 where the visit came without a position.
-- Replace this query with --sql or --sqlFile; it must keep these column names and types
-- (it may filter rows, compute columns, and add columns, which are ignored).
SELECT
  id AS event_id,
  event_ts,
  ip,
  lat,
  lng,
  user_agent,
  age_bracket,
  opted_into_marketing,
  http_request,
  http_response,
  file_size_bytes,
  event_datetime
FROM PCOLLECTION
