#!/usr/bin/env bash
# Generator benchmark (not part of `verify`): a real broker and the packaged service on this
# machine, driven through the REST API like a user would.
#   1. maximum throughput: a fixed count at rate 0, time until Kafka has acked every record;
#   2. rate holding: 1,000 and 10,000 events/s, events counted over a window of SECONDS.
# Usage: deploy/bench/generator/run-benchmark.sh [EVENTS] [SECONDS]   (defaults 3000000 60)
# Env: BENCH_KAFKA_PORT (29092), BENCH_HTTP_PORT (28080), GENERATOR_JAVA_OPTS, BENCH_RATES ("1000 10000").
set -euo pipefail
source "$(dirname "$0")/bench-env.sh"
EVENTS=${1:-3000000}
SECONDS_PER_RATE=${2:-60}
RATES=${BENCH_RATES-1000 10000}
trap cleanup EXIT

start_broker yes
start_generator
echo "broker 127.0.0.1:$KAFKA_PORT, generator $API; $(nproc) cores; logs in $WORK"

await_run_done() {
  local deadline=$((SECONDS + 600))
  while [ $SECONDS -lt $deadline ]; do
    local s
    s=$(api GET /generator)
    if [ "$(jq -r .run.state <<<"$s")" != RUNNING ] && [ "$(jq -r .run.counts.inFlight <<<"$s")" = 0 ]; then
      echo "$s"
      return
    fi
    sleep 0.05
  done
  echo "the run did not finish within 10 minutes: $(api GET /generator)" >&2
  exit 1
}

# --- 1. maximum throughput -------------------------------------------------------------------
api PUT /generator/config '{"rate":0,"seed":1}' >/dev/null
api POST "/generator/send?count=300000" >/dev/null   # warm-up: JIT, topic creation
await_run_done >/dev/null
t0=$(now)
api POST "/generator/send?count=$EVENTS" >/dev/null
s=$(await_run_done)
t1=$(now)
acked=$(jq .run.counts.acked.total <<<"$s")
failed=$(jq .run.counts.failed.total <<<"$s")
echo "max throughput: $EVENTS events, acked $acked, failed $failed," \
  "sent at $(jq '.run.averageRate|floor' <<<"$s")/s," \
  "all acked after $(echo "$t1 - $t0" | bc -l | xargs printf %.2f) s =" \
  "$(echo "$acked / ($t1 - $t0)" | bc -l | xargs printf %.0f) events/s acked"

echo "records in website-visit per the broker: $(records_in_topic) (warm-up 300000 + $EVENTS)"

# --- 2. rate holding -------------------------------------------------------------------------
for rate in $RATES; do
  api PUT /generator/config "{\"rate\":$rate,\"seed\":1}" >/dev/null
  api POST /generator/start >/dev/null
  sleep 3   # past the start of the run
  c0=$(api GET /generator | jq .run.counts.sent.total); t0=$(now)
  sleep "$SECONDS_PER_RATE"
  c1=$(api GET /generator | jq .run.counts.sent.total); t1=$(now)
  s=$(api POST /generator/stop)
  achieved=$(echo "($c1 - $c0) / ($t1 - $t0)" | bc -l)
  echo "rate $rate/s: $((c1 - c0)) events in $(echo "$t1 - $t0" | bc -l | xargs printf %.2f) s =" \
    "$(printf %.1f "$achieved")/s, deviation $(echo "100 * ($achieved - $rate) / $rate" | bc -l | xargs printf %+.2f) %;" \
    "whole run $(jq '.run.averageRate*10|floor/10' <<<"$s")/s, failed $(jq .run.counts.failed.total <<<"$s")"
done
