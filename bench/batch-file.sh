#!/usr/bin/env bash
# Takes in one fixed-length batch file with the packaged hub and reports records/s and memory.
# Usage: bench/batch-file.sh [records] [heap]      e.g. bench/batch-file.sh 100000 512m
# Needs: ./mvnw -B package -DskipTests; python3, curl, psql (postgresql client).
# Every 331st record is bad (a letter in a zoned field): it goes to invalid.<queue> and the error report.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
heap=${2:-512m}
jar=bus-routes/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "missing $jar: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
work=$(mktemp -d /tmp/busbar-bench-batch.XXXX)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; sleep 3; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
http=$(free_port); broker=$(free_port); db=$(free_port)
mkdir -p "$work/in"

BUSBAR_DATA_DIR="$work/data" java -Xmx"$heap" -Dquarkus.profile=embedded -Dquarkus.http.port="$http" \
  -Dbusbar.broker.port="$broker" -Dbusbar.db.port="$db" \
  -Dbusbar.connectors.bench.type=file-in -Dbusbar.connectors.bench.endpoint="$work/in" \
  -Dbusbar.connectors.bench.format=fixed -Dbusbar.connectors.bench.target=bench.batch.records.v1 \
  "-Dbusbar.connectors.bench.layout=ORDER_ID:alpha:10; CUSTOMER_ID:alpha:12; SKU:alpha:10; QUANTITY:zoned:5; UNIT_PRICE:zoned:9:2" \
  -Dbusbar.connectors.bench.schedule=500ms -Dbusbar.connectors.bench.batch-size="${BATCH_SIZE:-500}" \
  -jar "$jar" > "$work/hub.log" 2>&1 &
pid=$!
until curl -fs "http://localhost:$http/q/health" | grep -q '"status": "UP"'; do
  kill -0 $pid 2>/dev/null || { cat "$work/hub.log" >&2; exit 1; }
  sleep 0.2
done

python3 - "$work/ORDERS.DAT" "$records" <<'PY'
import sys
with open(sys.argv[1], 'wb') as f:
    for i in range(1, int(sys.argv[2]) + 1):
        q = '12X45' if i % 331 == 0 else '%05d' % (1 + i % 99)
        f.write(('O%09dCUS-%08dSKU-%06d%s%09d' % (i, i % 1000, i % 5000, q, 100 + i)).encode('latin-1'))
PY
mv "$work/ORDERS.DAT" "$work/in/ORDERS.DAT"
peak=0
until [ -n "$(ls "$work/in/archive" 2>/dev/null | grep -v errors || true)" ]; do
  kill -0 $pid 2>/dev/null || { cat "$work/hub.log" >&2; exit 1; }
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status); [ "$rss" -gt "$peak" ] && peak=$rss
  sleep 0.5
done
ms=$(psql -h 127.0.0.1 -p "$db" -U postgres -d busbar -At -c \
  "select (extract(epoch from finished_at - started_at) * 1000)::bigint from connector_file where instance = 'bench'" 2>/dev/null || echo "?")
heapused=$(curl -fs -u demo-operator:demo-operator "http://localhost:$http/q/metrics" \
  | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%d", s / 1048576}')
bad=$(($(wc -l < "$(ls "$work"/in/archive/*.errors.csv)") - 1))
echo "records=$records bad=$bad heap=-Xmx$heap batch-size=${BATCH_SIZE:-500}"
echo "file time ms=$ms records/s=$([ "$ms" != "?" ] && echo $((records * 1000 / ms)) || echo ?)"
echo "peak JVM RSS MiB=$((peak / 1024)) heap used after MiB=$heapused"
