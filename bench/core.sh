#!/usr/bin/env bash
# The transactional core against its own ceilings, in one invocation, one table (issue 15, ADR 0020).
#
#   bench/core.sh [orders] [concurrency] [design...]
#
# A design is <listener-sessions>[/<subscriber-transactions>]: per-thread or per-transaction (ADR 0020), then one-phase
# or xa (ADR 0021); the default is per-thread/one-phase, the hub's own. Several designs are measured one after the
# other on the same build, each on a fresh hub.
#
# Needs the packaged hub (./mvnw -B package -DskipTests), curl, psql and pgbench (Debian: postgresql-client, and
# pgbench from the postgresql package). For each design it starts the
# packaged hub on its embedded defaults on a fresh data directory and measures, each row with the 1-minute load
# average when it ended:
#   ceiling  pgbench on the hub's own embedded PostgreSQL: BEGIN; INSERT; PREPARE TRANSACTION; COMMIT PREPARED, and
#            the same with a plain COMMIT (10 s each), at <concurrency> clients and at the bus's consumer count;
#            Artemis' own rate for a step's broker work on the same broker (bench/BrokerLoad.java: a plain JMS client
#            over TCP, persistent, one transacted receive + send + commit per message, as many sessions as a step
#            route has consumers)
#   xa-step  the XA step alone: the self-test route (consume a probe, insert a row, send the answer, one XA
#            transaction) draining <orders> probes; its ratio to pgbench's 2PC at the same concurrency
#   local-step the same step without XA (bus-selftest-local: the row in one database transaction, then the answer
#            and the acknowledgement in one local broker transaction); its ratio to pgbench's local commit
#   door     REST POST /api/v1/orders and SOAP submitOrder (WS-Security UsernameToken) with the process's consumer
#            routes stopped (bench/HttpLoad.java): the maximum at 16 and 64 connections (BENCH_SECONDS each), then
#            p50/p99 at a fixed rate of half the 16-connection maximum, latency counted from the scheduled send
#   bus      the process's routes started on the backlog the door rows left: orders/s until the last is SHIPPED,
#            and the CPU time an order took meanwhile (the machine's, which is the hub's and PostgreSQL's, and the
#            hub's own): a design comparison that a shared machine's noise moves less than a rate
#   e2e      orders at a fixed arrival rate (BENCH_E2E_RATE, default 80 % of the drain rate) for 60 s with every
#            route running: the backlog left when the arrivals stop (a growing queue means the rate is not
#            sustained), and orders/s from the first submit to the last SHIPPED
#   start    bench/startup.sh 5 (median of five starts, first start apart) when BENCH_STARTUP=1
# BENCH_WARMUP=<n> (default 500) orders go through every route before anything is measured.
# BENCH_JFR=<dir>: each hub also records a Flight Recorder profile there (hub-<design>.jfr; read it with jfr summary,
# jfr print --events jdk.ThreadPark,jdk.JavaMonitorEnter,jdk.ExecutionSample).
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${1:-1000}
concurrency=${2:-16}
warmup=${BENCH_WARMUP:-500}
seconds=${BENCH_SECONDS:-10}
shift $(( $# > 2 ? 2 : $# )) || true
designs=("$@")
[ ${#designs[@]} -gt 0 ] || designs=(per-thread/one-phase)
jar=bus-routes/target/quarkus-app/quarkus-run.jar
lib=bus-routes/target/quarkus-app/lib/main
[ -f "$jar" ] || { echo "missing $jar: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
for tool in curl psql pgbench python3 javac; do
  command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
work=$(mktemp -d /tmp/busbar-bench-core.XXXX)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
javac -nowarn -cp "$lib/*" -d "$work/classes" bench/HttpLoad.java bench/BrokerLoad.java
consumers=$(sed -n 's/^busbar.bus.consumers=//p' bus-routes/src/main/resources/application.properties)

ORDER_ROUTES=(order-json-intake order-fulfilment-intake order-fulfilment-billing order-fulfilment-warehouse
  order-fulfilment-compensation order-events-notification order-events-analytics order-legacy-export)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
sql() { psql -qtA -h 127.0.0.1 -p "$db" -U postgres busbar -c "$1"; }
now() { date +%s%N; }
load() { cut -d' ' -f1 /proc/loadavg; }
# CPU time in clock ticks: the whole machine's busy time, and the hub process's own (user + system)
machine_cpu() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
hub_cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
per_order_ms() { python3 -c "print(f'{($2 - $1) * 1000 / $(getconf CLK_TCK) / $3:.1f}')"; } # ticks0 ticks1 orders
rate() { python3 -c "print(f'{$1 / (($3 - $2) / 1e9):.0f}')"; } # count t0 t1
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<< "$2"; } # name line
rows=()
row() { rows+=("$(printf '| %-10s | %-52s | %-34s | %5s |' "$1" "$2" "$3" "$(load)")"); }
http_load() { java -cp "$work/classes" HttpLoad "$@"; }
broker_load() { java -cp "$work/classes:$lib/*:$lib/../boot/*" BrokerLoad "$1" "tcp://127.0.0.1:$broker" bench bench "${@:2}"; }

operator() { # method path
  curl -fs -o /dev/null -X "$1" -u demo-operator:demo-operator -H 'Content-Type: application/json' \
    "http://localhost:$http$2"
}
routes() { for route in "${ORDER_ROUTES[@]}"; do operator POST "/api/v1/routes/$route/$1"; done; }

submit_orders() { # count customer tag
  seq "$1" | xargs -P "$concurrency" -I{} curl -fs -o /dev/null -u demo-order-desk:demo-order-desk \
    -H 'Content-Type: application/json' "http://localhost:$http/api/v1/orders" -d "{\"customerId\": \"$2\",
      \"customerReference\": \"PO-$3-{}\", \"lines\": [{\"sku\": \"SKU-BENCH\", \"description\": \"Bench item\",
      \"quantity\": 1, \"unitPrice\": {\"amount\": \"9.99\", \"currency\": \"EUR\"}}],
      \"shippingAddress\": {\"line1\": \"2 Difference St\", \"city\": \"Leeds\", \"postalCode\": \"LS1 1AA\", \"country\": \"GB\"}}"
}

bodies() { # customer
  cat > "$work/order.json" <<JSON
{"customerId": "$1", "customerReference": "PO-{run}-{n}", "lines": [{"sku": "SKU-BENCH", "description": "Bench item",
 "quantity": 1, "unitPrice": {"amount": "9.99", "currency": "EUR"}}],
 "shippingAddress": {"line1": "2 Difference St", "city": "Leeds", "postalCode": "LS1 1AA", "country": "GB"}}
JSON
  cat > "$work/order.soap" <<XML
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><wsse:Security soap:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"><wsu:Timestamp wsu:Id="TS-1"><wsu:Created>{created}</wsu:Created><wsu:Expires>{expires}</wsu:Expires></wsu:Timestamp><wsse:UsernameToken wsu:Id="UT-1"><wsse:Username>demo-order-desk</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">demo-order-desk</wsse:Password><wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">{nonce}</wsse:Nonce><wsu:Created>{created}</wsu:Created></wsse:UsernameToken></wsse:Security></soap:Header><soap:Body><f:submitOrder xmlns:f="http://busbar.io/service/fulfilment/v1" xmlns:o="http://busbar.io/schema/order/v1" xmlns:c="http://busbar.io/schema/common/v1"><f:order><o:customerId>$1</o:customerId><o:customerReference>SOAP-{run}-{n}</o:customerReference><o:line><o:sku>SKU-BENCH</o:sku><o:description>Bench item</o:description><o:quantity>1</o:quantity><o:unitPrice><c:amount>9.99</c:amount><c:currency>EUR</c:currency></o:unitPrice></o:line></f:order></f:submitOrder></soap:Body></soap:Envelope>
XML
}

shipped() { sql "select count(*) from fulfilment.orders where status = 'SHIPPED'"; }
total() { sql "select count(*) from fulfilment.orders"; }
await_shipped() { until [ "$(shipped)" -ge "$1" ]; do sleep 0.2; done; }

start_hub() { # design
  http=$(free_port); broker=$(free_port); db=$(free_port)
  sessions=${1%%/*}; subscribers=${1#*/}; [ "$subscribers" != "$1" ] || subscribers=one-phase
  name=$sessions-$subscribers
  rm -rf "$work/data"
  jfr=()
  [ -n "${BENCH_JFR:-}" ] && mkdir -p "$BENCH_JFR" && jfr=("-XX:StartFlightRecording=filename=$BENCH_JFR/hub-$name.jfr,settings=profile")
  # a broker account of the hub's role for the JMS client of the broker rows (the embedded default only)
  BUSBAR_DATA_DIR="$work/data" java "${jfr[@]}" -Dquarkus.profile=embedded -Dquarkus.http.port="$http" \
    -Dbusbar.broker.port="$broker" -Dbusbar.db.port="$db" -Dbusbar.bus.listener-sessions="$sessions" \
    -Dbusbar.bus.subscriber-transactions="$subscribers" \
    -Dbusbar.broker.users.bench.password=bench -Dbusbar.broker.users.bench.roles=hub \
    -jar "$jar" > "$work/hub-$name.log" 2>&1 &
  pid=$!
  until curl -fs "http://localhost:$http/q/health" | grep -q '"status": "UP"'; do
    kill -0 $pid 2>/dev/null || { cat "$work/hub-$name.log" >&2; exit 1; }
    sleep 0.2
  done
  customer=$(curl -fs -u demo-customer-service:demo-customer-service -H 'Content-Type: application/json' \
    "http://localhost:$http/api/v1/customers" -d '{"name": "Bench Customer", "kind": "PERSON",
     "contact": {"email": "bench@example.org", "phone": "+44 20 7946 0000"},
     "address": {"line1": "1 Analytical Way", "city": "London", "postalCode": "N1 9GU", "country": "GB"}}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["customerId"])')
  # an established customer: its orders go straight through (no manual approval)
  sql "update customer.customer set created_at = created_at - interval '90 days' where customer_id = '$customer'"
  bodies "$customer"
  # warm-up: the JIT takes a third of the hub's CPU in the first few hundred orders (ADR 0020), so no row is
  # measured before it settles
  submit_orders "$warmup" "$customer" warmup
  await_shipped "$warmup"
}

stop_hub() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

pgbench_rate() { # kind clients
  pgbench -n -h 127.0.0.1 -p "$db" -U postgres -c "$2" -j 2 -T 10 -f "$work/$1.sql" busbar | awk '/^tps/ {print int($3)}'
}

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
  for clients in "$concurrency" "$consumers"; do
    for kind in 2pc local; do
      tps=$(pgbench_rate $kind "$clients")
      [ "$kind" = 2pc ] && [ "$clients" = "$consumers" ] && pg2pc_at_consumers=$tps
      [ "$kind" = local ] && [ "$clients" = "$consumers" ] && pglocal_at_consumers=$tps
      row "ceiling" "pgbench $kind, $clients clients" "$tps tx/s"
    done
  done
  sql "drop table bench_ceiling"
  line=$(broker_load ceiling 5000 "$consumers")
  broker_rate=$(field rate "$line")
  row "ceiling" "Artemis: transacted receive+send, $consumers sessions" "$broker_rate msg/s"
}

xa_step() { # the XA step, then the same step without XA (bus-selftest-local), each draining <orders> probes
  operator POST /api/v1/routes/bus-selftest-xa/stop
  for route in bus-selftest-xa bus-selftest-local; do
    broker_load probes "$orders" > /dev/null
    before=$(sql "select count(*) from bus_selftest_probe where probe_id like 'bench-%'")
    t0=$(now); operator POST /api/v1/routes/$route/start
    until [ "$(sql "select count(*) from bus_selftest_probe where probe_id like 'bench-%'")" -ge $((before + orders)) ]; do
      sleep 0.2
    done
    t1=$(now)
    operator POST /api/v1/routes/$route/stop
    step=$(rate "$orders" "$t0" "$t1")
    if [ $route = bus-selftest-xa ]; then
      row "xa-step" "self-test route, $consumers consumers, $orders probes" \
        "$step tx/s ($(ratio "$step" "$pg2pc_at_consumers") x pgbench 2PC)"
    else
      row "local-step" "the same step without XA (one phase each)" \
        "$step tx/s ($(ratio "$step" "$pglocal_at_consumers") x pgbench local)"
    fi
  done
  operator POST /api/v1/routes/bus-selftest-xa/start
}

doors() {
  routes stop
  for door in rest soap; do
    if [ $door = rest ]; then
      args=("http://localhost:$http/api/v1/orders" demo-order-desk:demo-order-desk application/json "$work/order.json")
    else
      args=("http://localhost:$http/soap/fulfilment" - "text/xml; charset=UTF-8" "$work/order.soap")
    fi
    for connections in 16 64; do
      line=$(http_load max "${args[@]}" "$connections" "$seconds")
      [ $connections = 16 ] && max16=$(field rate "$line")
      row "door" "$door, $connections connections, maximum" \
        "$(field rate "$line")/s p50 $(field p50 "$line") p99 $(field p99 "$line") ms"
      errors=$(field errors "$line"); [ "$errors" = 0 ] || echo "door $door: $line" >&2
    done
    half=$(python3 -c "print(max(1, int($max16 / 2)))")
    line=$(http_load rate "${args[@]}" "$half" "$seconds")
    row "door" "$door, fixed rate $half/s (half the maximum)" \
      "p50 $(field p50 "$line") p99 $(field p99 "$line") ms"
  done
}

first=1
for design in "${designs[@]}"; do
  start_hub "$design"
  if [ $first = 1 ]; then ceilings; xa_step; first=0; fi

  doors
  backlog=$(( $(total) - $(shipped) ))
  m0=$(machine_cpu); h0=$(hub_cpu); t0=$(now); routes start
  await_shipped "$(total)"; t1=$(now); m1=$(machine_cpu); h1=$(hub_cpu)
  drain=$(rate "$backlog" "$t0" "$t1")
  row "$design" "bus: backlog of $backlog drained" "$drain orders/s"
  # what an order costs, which a shared machine's noise moves less than a rate: the machine's busy CPU (hub and
  # PostgreSQL; the generator is idle while the backlog drains) and the hub's own, per order
  row "$design" "bus: CPU per order drained, machine / hub" \
    "$(per_order_ms "$m0" "$m1" "$backlog") / $(per_order_ms "$h0" "$h1" "$backlog") ms"

  e2e=${BENCH_E2E_RATE:-$(python3 -c "print(max(1, int($drain * 0.8)))")}
  t0=$(now)
  http_load rate "http://localhost:$http/api/v1/orders" demo-order-desk:demo-order-desk application/json \
    "$work/order.json" "$e2e" 60 > /dev/null
  left=$(( $(total) - $(shipped) ))
  await_shipped "$(total)"; t1=$(now)
  row "$design" "e2e: $e2e orders/s offered for 60 s, all routes" \
    "$(rate $((e2e * 60)) "$t0" "$t1") orders/s, $left left at 60 s"
  stop_hub
done

if [ "${BENCH_STARTUP:-0}" = 1 ]; then
  bench/startup.sh 5 30 > "$work/startup.txt"
  first_start=$(awk -F'|' '$2 ~ /1/ && $3 ~ /empty/ {gsub(/ /,"",$4); print $4}' "$work/startup.txt")
  restarts=$(awk -F'|' '$3 ~ /existing/ {gsub(/ /,"",$4); print $4}' "$work/startup.txt" | sort -n | sed -n 2p)
  rss=$(awk -F'|' '$3 ~ /existing|empty/ {gsub(/ /,"",$5); print $5}' "$work/startup.txt" | sort -n | sed -n 3p)
  row "start" "to health UP, first start / restart median" "$first_start / $restarts ms"
  row "start" "idle JVM RSS, median of 5" "$rss MiB"
fi

echo
echo "bench/core.sh $orders $concurrency ${designs[*]}   ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, BENCH_SECONDS=$seconds)"
printf '| %-10s | %-52s | %-34s | %5s |\n' "row" "what" "measured" "load"
printf '|%s|%s|%s|%s|\n' "------------" "------------------------------------------------------" "------------------------------------" "-------"
printf '%s\n' "${rows[@]}"
