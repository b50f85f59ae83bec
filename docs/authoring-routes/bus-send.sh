#!/usr/bin/env bash
# Sends one message to a bus queue, as an outside system would, over STOMP (which the hub's broker speaks on its one
# port). Needs nothing but bash.
#
#   bus-send.sh <queue> <file> [name=value ...]      the file's content is the message; name=value become properties
#
# BUSBAR_BROKER_HOST (localhost), BUSBAR_BROKER_PORT (61616), BUSBAR_BUS_USER / BUSBAR_BUS_PASSWORD (demo-client).
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 <queue> <file> [name=value ...]" >&2
  exit 2
fi
queue=$1
file=$2
shift 2
host=${BUSBAR_BROKER_HOST:-localhost}
port=${BUSBAR_BROKER_PORT:-61616}
user=${BUSBAR_BUS_USER:-demo-client}
password=${BUSBAR_BUS_PASSWORD:-demo-client}
body=$(cat "$file")

exec 3<>"/dev/tcp/$host/$port"

# reads one STOMP frame (up to its NUL) into $frame; fails on ERROR or silence
read_frame() {
  if ! IFS= read -r -d '' -t 10 -u 3 frame; then
    echo "bus-send: no answer from the broker at $host:$port" >&2
    exit 1
  fi
  frame=${frame#$'\n'}
  if [[ $frame == ERROR* ]]; then
    echo "bus-send: the broker refused: $(grep -m1 '^message:' <<<"$frame" | cut -d: -f2-)" >&2
    exit 1
  fi
}

printf 'CONNECT\naccept-version:1.2\nhost:%s\nlogin:%s\npasscode:%s\n\n\0' "$host" "$user" "$password" >&3
read_frame
[[ $frame == CONNECTED* ]] || { echo "bus-send: unexpected answer: ${frame%%$'\n'*}" >&2; exit 1; }

headers="destination:$queue\ndestination-type:ANYCAST\npersistent:true\nreceipt:busbar-send-1\n"
for property in "$@"; do
  headers+="${property%%=*}:${property#*=}\n"
done
# no content-length: the message arrives as text
printf "SEND\n${headers}\n%s\0" "$body" >&3
read_frame
[[ $frame == RECEIPT* ]] || { echo "bus-send: unexpected answer: ${frame%%$'\n'*}" >&2; exit 1; }

printf 'DISCONNECT\nreceipt:busbar-send-2\n\n\0' >&3
read_frame
exec 3>&-
echo "sent $file to $queue"
