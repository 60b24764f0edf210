#!/usr/bin/env bash
# A webhook receiver that hangs does not slow intake (issue 15, item 5): the same load (COUNT submissions at RATE per
# second, distinct people, about one in ten submitting again) is offered to the local host twice on one Azurite:
# first with no webhook subscriber, then with one subscriber whose receiver accepts the connection and never answers.
# Intake p50/p99 (client-side, form post to 202) are compared, and every POST the host makes to the hanging receiver
# must be given up within LeadEvents:Timeout (default 10 s) plus 2 s. Pass: all 202 in both phases, p99 with the
# hanging subscriber <= 1.5 x p99 without + 100 ms, every held connection bounded. Bounded; 127.0.0.1 only.
# Usage: bash scripts/reliability/webhook-hang.sh [count (600)]; env RATE=20 SEED=11 TIMEOUT_S=10
set -euo pipefail
export HOST_PORT="${HOST_PORT:-7295}" RECEIVER_PORT="${RECEIVER_PORT:-7296}"
export BLOB_PORT="${BLOB_PORT:-21120}" QUEUE_PORT="${QUEUE_PORT:-21121}" TABLE_PORT="${TABLE_PORT:-21122}"
source "$(dirname "${BASH_SOURCE[0]}")/webhook-lib.sh"
count="${1:-600}"; rate="${RATE:-20}"; seed="${SEED:-11}"; timeout_s="${TIMEOUT_S:-10}"
export LEADS_TABLE="HangLeads" DUE_TABLE="HangDue" LeadEvents__Timeout="00:00:$(printf '%02d' "$timeout_s")"
deliveries="$work/deliveries.jsonl"
echo "work folder: $work; $count submissions at $rate/s per phase; delivery timeout $timeout_s s"
build_host
start_azurite

percentiles() { # acks.jsonl -> "accepted p50 p99 max" of the 202s' response times (ms)
  node -e '
    const l = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse);
    const ok = l.filter(a => a.status === 202).map(a => a.ms).sort((a, b) => a - b);
    const q = p => ok[Math.min(ok.length - 1, Math.ceil(p * ok.length) - 1)];
    console.log([ok.length, q(0.5), q(0.99), ok.at(-1)].join(" "));' "$1"
}

phase() { # name
  start_host
  sleep 3 # let start-up work (table creation, first polls) settle before timing
  timeout 600 node "$here/webhook-load.mjs" "$HOST_PORT" "$count" "$seed" 32 "$work/acks-$1.jsonl" "$work/progress" 1 "$rate" >"$work/load-$1.out" 2>&1
  read -r accepted p50 p99 max < <(percentiles "$work/acks-$1.jsonl")
  echo "$1: accepted $accepted/$count, intake p50 $p50 ms, p99 $p99 ms, max $max ms (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  eval "${1}_accepted=$accepted ${1}_p99=$p99"
}

phase none
kill -9 "$host_pid"; wait "$host_pid" 2>/dev/null || true
subscribe
start_receiver hang "$deliveries"
phase hanging
# Let the POSTs already in flight reach their timeout before the host goes, so the receiver sees them given up.
sleep $(( timeout_s + 3 ))
stop_receiver
held=$(jq -s 'map(select(.hang)) | {posts: length, maxHeldMs: (map(.heldMs) | max), minHeldMs: (map(.heldMs) | min)}' "$deliveries")
echo "hanging receiver: $held"
posts=$(jq -r .posts <<<"$held"); max_held=$(jq -r '.maxHeldMs // 0' <<<"$held")
ok=1
[ "$none_accepted" -eq "$count" ] && [ "$hanging_accepted" -eq "$count" ] || { echo "not every submission accepted"; ok=0; }
[ "$posts" -gt 0 ] || { echo "the host never called the hanging receiver"; ok=0; }
[ "$max_held" -le $(( timeout_s * 1000 + 2000 )) ] || { echo "a POST was held longer than the timeout + 2 s"; ok=0; }
[ "$hanging_p99" -le $(( none_p99 * 3 / 2 + 100 )) ] || { echo "intake p99 with a hanging subscriber is above 1.5 x + 100 ms of without"; ok=0; }
if [ "$ok" = 1 ]; then echo PASS; else echo FAIL; exit 1; fi
