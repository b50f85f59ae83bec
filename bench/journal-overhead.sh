#!/usr/bin/env bash
# Order throughput of the packaged hub with the flow journal on and off.
#
#   bench/journal-overhead.sh [orders] [concurrency] [rounds]
#
# Needs the packaged hub (./mvnw -B package -DskipTests), curl and psql. Each round starts the hub twice on a fresh
# data directory, journal on (busbar.journal.enabled=true, payload snapshots on) then off, with the embedded defaults.
# Per run: one established customer; a warm-up of 50 orders; then <orders> orders submitted over REST by <concurrency>
# parallel clients; the clock stops when the last of them is SHIPPED (each order passes intake, billing and the
# warehouse, and its events reach three subscribers: about 11 journalled hops per order).
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${1:-400}
concurrency=${2:-8}
rounds=${3:-2}
warmup=50
jar=bus-routes/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "missing $jar: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
work=$(mktemp -d /tmp/busbar-bench-journal.XXXX)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
sql() { psql -qtA -h 127.0.0.1 -p "$db" -U postgres busbar -c "$1"; }

submit_orders() { # count customer
  seq "$1" | xargs -P "$concurrency" -I{} curl -fs -o /dev/null -u demo-order-desk:demo-order-desk \
    -H 'Content-Type: application/json' "http://localhost:$http/api/v1/orders" -d "{\"customerId\": \"$2\",
      \"customerReference\": \"PO-bench-{}-$RANDOM\", \"lines\": [{\"sku\": \"SKU-BENCH\", \"description\": \"Bench item\",
      \"quantity\": 1, \"unitPrice\": {\"amount\": \"9.99\", \"currency\": \"EUR\"}}],
      \"shippingAddress\": {\"line1\": \"2 Difference St\", \"city\": \"Leeds\", \"postalCode\": \"LS1 1AA\", \"country\": \"GB\"}}"
}

await_shipped() { # count
  until [ "$(sql "select count(*) from fulfilment.orders where status = 'SHIPPED'")" -ge "$1" ]; do sleep 0.2; done
}

run() { # journal-enabled
  http=$(free_port); broker=$(free_port); db=$(free_port)
  rm -rf "$work/data"
  BUSBAR_DATA_DIR="$work/data" java -Dquarkus.profile=embedded -Dquarkus.http.port="$http" \
    -Dbusbar.broker.port="$broker" -Dbusbar.db.port="$db" -Dbusbar.journal.enabled="$1" -jar "$jar" > "$work/hub.log" 2>&1 &
  pid=$!
  until curl -fs "http://localhost:$http/q/health" | grep -q '"status": "UP"'; do
    kill -0 $pid 2>/dev/null || { cat "$work/hub.log" >&2; exit 1; }
    sleep 0.2
  done
  customer=$(curl -fs -u demo-customer-service:demo-customer-service -H 'Content-Type: application/json' \
    "http://localhost:$http/api/v1/customers" -d '{"name": "Bench Customer", "kind": "PERSON",
     "contact": {"email": "bench@example.org", "phone": "+44 20 7946 0000"},
     "address": {"line1": "1 Analytical Way", "city": "London", "postalCode": "N1 9GU", "country": "GB"}}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["customerId"])')
  # an established customer: its orders go straight through (no manual approval)
  sql "update customer.customer set created_at = created_at - interval '90 days' where customer_id = '$customer'"
  submit_orders "$warmup" "$customer"
  await_shipped "$warmup"
  t0=$(date +%s%N)
  submit_orders "$orders" "$customer"
  await_shipped $((warmup + orders))
  t1=$(date +%s%N)
  sleep 1
  hops=$(sql "select count(*) from flow_hop")
  kill $pid; wait $pid 2>/dev/null || true; pid=
  ms=$(( (t1 - t0) / 1000000 ))
  echo "| $round | $1 | $orders | $ms | $(python3 -c "print(round($orders * 1000 / $ms, 1))") | $hops |"
}

echo "| round | journal | orders | elapsed (ms) | orders/s | hops journalled |"
echo "|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  run true
  run false
done
