#!/usr/bin/env bash
# Webhooks across a receiver outage (issue 15, item 5): the local receiver answers 500 for OUTAGE seconds (60) from
# its first request, then 204. Meanwhile COUNT submissions (distinct people, about one in ten submitting again, so
# leads have several events) arrive at RATE per second. The host runs with the default retry schedule
# (LeadEvents:Retry: 5 s doubling, capped at 30 min, +-25 % jitter), so the last retry before recovery can be up to
# ~50 s before the next. Pass: every stored event delivered, first deliveries in per-lead sequence order, nothing
# delivered that is not stored; reports how long after recovery the last delivery came. Bounded; 127.0.0.1 only.
# Usage: bash scripts/reliability/webhook-outage.sh [count (400)]; env OUTAGE=60 RATE=10 SEED=7 DRAIN=300
set -euo pipefail
export HOST_PORT="${HOST_PORT:-7293}" RECEIVER_PORT="${RECEIVER_PORT:-7294}"
export BLOB_PORT="${BLOB_PORT:-21110}" QUEUE_PORT="${QUEUE_PORT:-21111}" TABLE_PORT="${TABLE_PORT:-21112}"
source "$(dirname "${BASH_SOURCE[0]}")/webhook-lib.sh"
count="${1:-400}"; outage="${OUTAGE:-60}"; rate="${RATE:-10}"; seed="${SEED:-7}"
export LEADS_TABLE="OutageLeads" DUE_TABLE="OutageDue"
deliveries="$work/deliveries.jsonl"; acks="$work/acks.jsonl"
echo "work folder: $work; count $count at $rate/s, receiver down for $outage s"
build_host
start_azurite
subscribe
start_receiver "outage:$outage" "$deliveries"
start_host

started=$(date +%s)
timeout 600 node "$here/webhook-load.mjs" "$HOST_PORT" "$count" "$seed" 4 "$acks" "$work/progress" 5 "$rate" >"$work/load.out" 2>&1
echo "load: $(cat "$work/load.out"); answers by status: $(jq -r .status "$acks" | sort | uniq -c | tr '\n' ' ')"
# Quiet for 20 s and nothing pending or queued any more (the host lists them), at most DRAIN s.
drain "${DRAIN:-300}" 20
stop_receiver
if node "$here/webhook-check.mjs" "$TABLE_PORT" "$LEADS_TABLE" "$deliveries" "$acks" '{"allLeads":true}' >"$work/check.json" 2>"$work/problems.txt"; then verdict=PASS; else verdict=FAIL; fi
cat "$work/check.json"; head -15 "$work/problems.txt"
recovered=$(jq -r 'select(.recovered) | .recovered' "$deliveries")
last=$(jq -r .lastDeliveryAt "$work/check.json")
refused=$(jq -r 'select(.status == 500) | .at' "$deliveries" | wc -l)
echo "500s answered during the outage: $refused; last delivery $(( (last - recovered) / 1000 )).$(( (last - recovered) % 1000 / 100 )) s after the receiver recovered"
# The outage must have happened: refusals and deliveries both, or the run proves nothing.
[ "$refused" -gt 0 ] || { echo "no request reached the receiver during the outage"; verdict=FAIL; }
echo "$verdict"
[ "$verdict" = PASS ]
