#!/usr/bin/env bash
# Time from start to /q/health UP, and the hub's idle resident memory, on the embedded defaults.
#
#   bench/startup.sh [runs] [idle-seconds]
#
# Needs the packaged hub: ./mvnw -B package -DskipTests
# Each run starts the hub on free ports. Run 1 starts on an empty data directory (creates the database cluster and
# the broker journal); later runs restart on the same data directory. Memory is read after the idle period:
# the JVM's VmRSS, and the proportional set size of all processes of the embedded PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
idle=${2:-30}
jar=bus-routes/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "missing $jar: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
work=$(mktemp -d /tmp/busbar-bench-startup.XXXX)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# proportional set size: shared memory (PostgreSQL's shared buffers) counted once across its processes
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

echo "| run | data directory | start to health UP (ms) | JVM RSS idle (MiB) | PostgreSQL PSS idle (MiB) |"
echo "|---|---|---|---|---|"
for run in $(seq 1 "$runs"); do
  http=$(free_port); broker=$(free_port); db=$(free_port)
  t0=$(date +%s%N)
  BUSBAR_DATA_DIR="$work/data" java -Dquarkus.profile=embedded -Dquarkus.http.port="$http" \
    -Dbusbar.broker.port="$broker" -Dbusbar.db.port="$db" -jar "$jar" > "$work/hub-$run.log" 2>&1 &
  pid=$!
  until curl -fs "http://localhost:$http/q/health" | grep -q '"status": "UP"'; do
    kill -0 $pid 2>/dev/null || { echo "hub exited; see $work/hub-$run.log" >&2; cat "$work/hub-$run.log" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  sleep "$idle"
  jvm=$(rss_kb $pid)
  pg=0
  postmaster=$(head -1 "$work/data/postgres/postmaster.pid")
  for p in $postmaster $(pgrep -P "$postmaster" || true); do pg=$((pg + $(pss_kb "$p"))); done
  state=$([ "$run" = 1 ] && echo "empty (first start)" || echo "existing (restart)")
  printf '| %s | %s | %d | %d | %d |\n' "$run" "$state" $(((t1 - t0) / 1000000)) $((jvm / 1024)) $((pg / 1024))
  kill $pid; wait $pid 2>/dev/null || true
done
