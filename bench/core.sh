#!/usr/bin/env bash
# The transactional core against its own ceilings, in one invocation, one table (issue 15, ADR 0020).
#
#   bench/core.sh [orders] [concurrency] [listener-sessions...]
#
# Needs the packaged hub (./mvnw -B package -DskipTests), curl, psql and pgbench (Debian: postgresql-client, and
# pgbench from the postgresql package). For each listener-sessions design (default: per-transaction per-thread) it
# starts the packaged hub on its embedded defaults on a fresh data directory and measures:
#   ceiling  pgbench on the hub's own embedded PostgreSQL: BEGIN; INSERT; PREPARE TRANSACTION; COMMIT PREPARED, and
#            the same with a plain COMMIT (10 s each, <concurrency> clients)
#   door     REST POST /api/v1/orders with the process's consumer routes stopped: <orders> orders from <concurrency>
#            parallel clients (curl; orders/s at the door, each one an XA transaction of the database and the broker)
#   bus      the process's routes started on that backlog: orders/s until the last one is SHIPPED (intake, billing,
#            warehouse and the events' subscribers: about 10 XA transactions per order)
#   e2e      <orders> more orders with every route running: orders/s from the first submit to the last SHIPPED
# BENCH_WARMUP=<n> (default 500) orders go through every route before anything is measured.
# Each row carries the 1-minute load average when it ended. The pgbench ceiling is measured once, on the first hub.
# BENCH_JFR=<dir>: each hub also records a Flight Recorder profile there (hub-<design>.jfr; read it with jfr summary,
# jfr print --events jdk.ThreadPark,jdk.JavaMonitorEnter,jdk.ExecutionSample).
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${1:-1000}
concurrency=${2:-16}
warmup=${BENCH_WARMUP:-500}
shift $(( $# > 2 ? 2 : $# )) || true
designs=("$@")
[ ${#designs[@]} -gt 0 ] || designs=(per-transaction per-thread)
jar=bus-routes/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "missing $jar: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
for tool in curl psql pgbench python3; do
  command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
work=$(mktemp -d /tmp/busbar-bench-core.XXXX)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

ORDER_ROUTES=(order-json-intake order-fulfilment-intake order-fulfilment-billing order-fulfilment-warehouse
  order-events-notification order-events-analytics order-legacy-export)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
sql() { psql -qtA -h 127.0.0.1 -p "$db" -U postgres busbar -c "$1"; }
now() { date +%s%N; }
load() { cut -d' ' -f1 /proc/loadavg; }
rate() { python3 -c "print(f'{$1 / (($3 - $2) / 1e9):.0f}')"; } # count t0 t1
rows=()
row() { rows+=("$(printf '| %-16s | %-34s | %10s | %6s |' "$1" "$2" "$3" "$(load)")"); }

operator() { # method path
  curl -fs -o /dev/null -X "$1" -u demo-operator:demo-operator -H 'Content-Type: application/json' \
    "http://localhost:$http$2"
}

submit_orders() { # count customer tag
  seq "$1" | xargs -P "$concurrency" -I{} curl -fs -o /dev/null -u demo-order-desk:demo-order-desk \
    -H 'Content-Type: application/json' "http://localhost:$http/api/v1/orders" -d "{\"customerId\": \"$2\",
      \"customerReference\": \"PO-$3-{}\", \"lines\": [{\"sku\": \"SKU-BENCH\", \"description\": \"Bench item\",
      \"quantity\": 1, \"unitPrice\": {\"amount\": \"9.99\", \"currency\": \"EUR\"}}],
      \"shippingAddress\": {\"line1\": \"2 Difference St\", \"city\": \"Leeds\", \"postalCode\": \"LS1 1AA\", \"country\": \"GB\"}}"
}

shipped() { sql "select count(*) from fulfilment.orders where status = 'SHIPPED'"; }
await_shipped() { until [ "$(shipped)" -ge "$1" ]; do sleep 0.2; done; }

start_hub() { # listener-sessions
  http=$(free_port); broker=$(free_port); db=$(free_port)
  rm -rf "$work/data"
  jfr=()
  [ -n "${BENCH_JFR:-}" ] && mkdir -p "$BENCH_JFR" && jfr=("-XX:StartFlightRecording=filename=$BENCH_JFR/hub-$1.jfr,settings=profile")
  BUSBAR_DATA_DIR="$work/data" java "${jfr[@]}" -Dquarkus.profile=embedded -Dquarkus.http.port="$http" \
    -Dbusbar.broker.port="$broker" -Dbusbar.db.port="$db" -Dbusbar.bus.listener-sessions="$1" \
    -jar "$jar" > "$work/hub-$1.log" 2>&1 &
  pid=$!
  until curl -fs "http://localhost:$http/q/health" | grep -q '"status": "UP"'; do
    kill -0 $pid 2>/dev/null || { cat "$work/hub-$1.log" >&2; exit 1; }
    sleep 0.2
  done
  customer=$(curl -fs -u demo-customer-service:demo-customer-service -H 'Content-Type: application/json' \
    "http://localhost:$http/api/v1/customers" -d '{"name": "Bench Customer", "kind": "PERSON",
     "contact": {"email": "bench@example.org", "phone": "+44 20 7946 0000"},
     "address": {"line1": "1 Analytical Way", "city": "London", "postalCode": "N1 9GU", "country": "GB"}}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["customerId"])')
  # an established customer: its orders go straight through (no manual approval)
  sql "update customer.customer set created_at = created_at - interval '90 days' where customer_id = '$customer'"
  # warm-up: the JIT takes a third of the hub's CPU in the first few hundred orders (ADR 0020), so no row is
  # measured before it settles
  submit_orders "$warmup" "$customer" warmup
  await_shipped "$warmup"
}

stop_hub() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

ceilings() {
  # a global transaction id per client and transaction (pgbench substitutes :variables inside the quotes too)
  cat > "$work/2pc.sql" <<'SQL'
\set gid random(1, 2000000000)
BEGIN;
INSERT INTO bench_ceiling(v) VALUES (1);
PREPARE TRANSACTION 'bench-:client_id-:gid';
COMMIT PREPARED 'bench-:client_id-:gid';
SQL
  cat > "$work/local.sql" <<'SQL'
BEGIN;
INSERT INTO bench_ceiling(v) VALUES (1);
COMMIT;
SQL
  sql "create table if not exists bench_ceiling(id bigserial primary key, v int)"
  for kind in 2pc local; do
    tps=$(pgbench -n -h 127.0.0.1 -p "$db" -U postgres -c "$concurrency" -j 2 -T 10 -f "$work/$kind.sql" busbar \
      | awk '/^tps/ {print int($3)}')
    row "ceiling" "pgbench $kind, $concurrency clients" "$tps tx/s"
  done
  sql "drop table bench_ceiling"
}

first=1
for design in "${designs[@]}"; do
  start_hub "$design"
  if [ $first = 1 ]; then ceilings; first=0; fi

  for route in "${ORDER_ROUTES[@]}"; do operator POST "/api/v1/routes/$route/stop"; done
  t0=$(now); submit_orders "$orders" "$customer" "door-$design"; t1=$(now)
  row "$design" "door: REST orders, consumers stopped" "$(rate "$orders" "$t0" "$t1") orders/s"

  t0=$(now)
  for route in "${ORDER_ROUTES[@]}"; do operator POST "/api/v1/routes/$route/start"; done
  await_shipped $((warmup + orders)); t1=$(now)
  row "$design" "bus: backlog of $orders drained" "$(rate "$orders" "$t0" "$t1") orders/s"

  t0=$(now); submit_orders "$orders" "$customer" "e2e-$design"; await_shipped $((warmup + 2 * orders)); t1=$(now)
  row "$design" "e2e: $orders orders, all routes" "$(rate "$orders" "$t0" "$t1") orders/s"
  stop_hub
done

echo
echo "bench/core.sh $orders $concurrency ${designs[*]}   ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
printf '| %-16s | %-34s | %10s | %6s |\n' "design" "what" "rate" "load"
printf '|%s|%s|%s|%s|\n' "------------------" "------------------------------------" "------------" "--------"
printf '%s\n' "${rows[@]}"
