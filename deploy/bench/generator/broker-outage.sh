#!/usr/bin/env bash
# Broker outage drill (not part of `verify`): the generator sends at RATE events/s, the broker is
# killed for OUTAGE seconds and started again on the same log. Expected: status and readiness
# report the outage, nothing crashes, sending resumes, and every record sent is in the topic.
# Usage: deploy/bench/generator/broker-outage.sh [RATE] [OUTAGE]   (defaults 1000 20)
set -euo pipefail
source "$(dirname "$0")/bench-env.sh"
RATE=${1:-1000}
OUTAGE=${2:-20}
trap cleanup EXIT

start_broker yes
start_generator
show() {
  local s ready
  s=$(api GET /generator)
  ready=$(curl -s -o /dev/null -w '%{http_code}' "$API/q/health/ready")
  echo "$1: running=$(jq .running <<<"$s") kafka=$(jq -r .kafka.state <<<"$s")" \
    "unanswered=$(jq .kafka.unansweredSeconds <<<"$s")s ready=HTTP $ready" \
    "sent=$(jq .run.counts.sent.total <<<"$s") acked=$(jq .run.counts.acked.total <<<"$s")" \
    "failed=$(jq .run.counts.failed.total <<<"$s") sendErrors=$(jq .run.counts.sendErrors <<<"$s")" \
    "achieved=$(jq '.rate.achieved|floor' <<<"$s")/s"
}

api PUT /generator/config "{\"rate\":$RATE,\"seed\":1}" >/dev/null
api POST /generator/start >/dev/null
sleep 5; show "before the outage"
stop_broker
echo "broker killed"
for i in $(seq 1 "$OUTAGE"); do
  sleep 1
  if [ $((i % 5)) = 0 ]; then show "outage +${i}s"; fi
done
start_broker no
echo "broker back"
for _ in $(seq 1 120); do
  [ "$(api GET /generator | jq -r .kafka.state)" = OK ] && break
  sleep 0.5
done
sleep 5; show "5 s after the broker returned"
api POST /generator/stop >/dev/null
while [ "$(api GET /generator | jq .run.counts.inFlight)" != 0 ]; do sleep 0.2; done
show "stopped, all answered"
echo "records in website-visit per the broker: $(records_in_topic)"
