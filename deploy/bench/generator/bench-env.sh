# Shared by the scripts in this folder (sourced, not run): a real local broker and the packaged
# generator, on ports of their own so they do not meet a local stack on 9092/8080.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
KAFKA_PORT=${BENCH_KAFKA_PORT:-29092}
CONTROLLER_PORT=${BENCH_CONTROLLER_PORT:-29093}
HTTP_PORT=${BENCH_HTTP_PORT:-28080}
WORK=$ROOT/deploy/bench/target/generator
API=http://127.0.0.1:$HTTP_PORT
GENERATOR_APP=$ROOT/generator-service/target/quarkus-app/quarkus-run.jar
BROKER_CLASSPATH_FILE=$ROOT/deploy/kafka-broker/target/classes/dev/visitstream/broker/broker-classpath.txt
BROKER_PID=
GENERATOR_PID=

stop_process() { # pid: TERM, then wait until it is gone
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

cleanup() {
  stop_process "$GENERATOR_PID"
  stop_process "$BROKER_PID"
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 120); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$what did not come up; see $WORK" >&2
  exit 1
}

start_broker() { # fresh=yes wipes the log directory
  mkdir -p "$WORK"
  if [ "${1:-yes}" = yes ]; then rm -rf "$WORK/kafka-data" "$WORK/broker.log"; fi
  broker_jar >/dev/null && [ -f "$BROKER_CLASSPATH_FILE" ] ||
    (cd "$ROOT" && ./mvnw -q -pl deploy/kafka-broker -am -DskipTests package)
  for port in "$KAFKA_PORT" "$CONTROLLER_PORT"; do
    port_free "$port" || { echo "port $port is taken (BENCH_KAFKA_PORT, BENCH_CONTROLLER_PORT)" >&2; exit 1; }
  done
  java -cp "$(broker_jar):$(broker_classpath)" dev.visitstream.broker.KafkaBroker --port "$KAFKA_PORT" \
    --controller-port "$CONTROLLER_PORT" --data-dir "$WORK/kafka-data" >>"$WORK/broker.log" 2>&1 &
  BROKER_PID=$!
  wait_for "the broker on $KAFKA_PORT" bash -c "kill -0 $BROKER_PID && exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT"
  sleep 1
  kill -0 "$BROKER_PID" 2>/dev/null || { echo "the broker stopped at start; see $WORK/broker.log" >&2; exit 1; }
}

# The broker the local stack runs: deploy/kafka-broker's jar and the class path its build recorded.
broker_jar() {
  local jar
  for jar in "$ROOT"/deploy/kafka-broker/target/kafka-broker-*.jar; do
    [ -f "$jar" ] && { printf '%s' "$jar"; return 0; }
  done
  return 1
}

broker_classpath() {
  cat "$BROKER_CLASSPATH_FILE"
}

# Records in the topic according to the broker itself (not the generator's counts).
records_in_topic() {
  java -cp "$(broker_classpath)" "$HERE/TopicCount.java" "127.0.0.1:$KAFKA_PORT" "${1:-website-visit}" 2>/dev/null
}

stop_broker() {
  stop_process "$BROKER_PID"
  BROKER_PID=
}

start_generator() {
  local app=$GENERATOR_APP
  [ -f "$app" ] || (cd "$ROOT" && ./mvnw -q -pl generator-service -am package -DskipTests)
  port_free "$HTTP_PORT" || { echo "port $HTTP_PORT is taken (BENCH_HTTP_PORT)" >&2; exit 1; }
  BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT GENERATOR_PORT=$HTTP_PORT java ${GENERATOR_JAVA_OPTS:-} -jar "$app" \
    >"$WORK/generator.log" 2>&1 &
  GENERATOR_PID=$!
  wait_for "the generator on $HTTP_PORT" bash -c "kill -0 $GENERATOR_PID && curl -fs $API/q/health/ready"
}

api() { # method path [json body]
  if [ $# -ge 3 ]; then
    curl -fsS -X "$1" -H 'Content-Type: application/json' -d "$3" "$API$2"
  else
    curl -fsS -X "$1" "$API$2"
  fi
}

now() { date +%s.%N; }
