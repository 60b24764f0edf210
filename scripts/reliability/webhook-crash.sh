#!/usr/bin/env bash
# Webhooks across host crashes (issue 15, item 5): the local host with one webhook subscriber (a local receiver that
# verifies signatures and records every delivery) takes COUNT form submissions (distinct people, about one in ten
# submitting again) from CLIENTS concurrent clients, while the host is killed with SIGKILL KILLS times at seeded
# random points (SEED) and restarted on the same Azurite data; clients retry a failed submission with its submission
# id. Azurite is never killed (its write-behind would lose acknowledged writes on its own, see docs/reliability.md).
# After the load: drain until quiet (bounded), then webhook-check.mjs compares deliveries with storage.
# Pass: every acknowledged submission is stored and all its lead's events delivered, no delivery for a change not
# stored, first deliveries in per-lead sequence order. Duplicates are reported (at least once allows them).
# Bounded in count and time; 127.0.0.1 only; kills only what it started.
# Usage: bash scripts/reliability/webhook-crash.sh [count (2000)]; env SEED=15 KILLS=5 CLIENTS=8 DRAIN=300
set -euo pipefail
export HOST_PORT="${HOST_PORT:-7291}" RECEIVER_PORT="${RECEIVER_PORT:-7292}"
export BLOB_PORT="${BLOB_PORT:-21100}" QUEUE_PORT="${QUEUE_PORT:-21101}" TABLE_PORT="${TABLE_PORT:-21102}"
source "$(dirname "${BASH_SOURCE[0]}")/webhook-lib.sh"
count="${1:-2000}"; seed="${SEED:-15}"; kills="${KILLS:-5}"; clients="${CLIENTS:-8}"
export LEADS_TABLE="HookLeads" DUE_TABLE="HookDue"
deliveries="$work/deliveries.jsonl"; acks="$work/acks.jsonl"; progress="$work/progress"
echo "work folder: $work; count $count, seed $seed, kills $kills, clients $clients"
build_host
start_azurite
subscribe
start_receiver ok "$deliveries"
start_host
sleep 6 # Azurite saves its table store every few seconds; only the host is killed here, but keep the tables on disk.

# The kill points: seeded, so a run kills after the same submissions (the exact instant still depends on the machine).
RANDOM=$seed
points=()
for _ in $(seq 1 "$kills"); do points+=($(( count / 20 + RANDOM % (count * 8 / 10) ))); done
mapfile -t points < <(printf '%s\n' "${points[@]}" | sort -n)
echo "kill after submission: ${points[*]}"

started=$(date +%s)
node "$here/webhook-load.mjs" "$HOST_PORT" "$count" "$seed" "$clients" "$acks" "$progress" >"$work/load.out" 2>&1 &
load_pid=$!; mine+=("$load_pid")
for point in "${points[@]}"; do
  for _ in $(seq 1 3000); do done_so_far=$(cat "$progress" 2>/dev/null || true); [ "${done_so_far:-0}" -ge "$point" ] && break; kill -0 "$load_pid" 2>/dev/null || break; sleep 0.1; done
  sleep "0.$(( RANDOM % 10 ))"
  echo "kill -9 host ($host_pid) at submission ${done_so_far:-?}, $(( $(date +%s) - started )) s in"
  kill -9 "$host_pid"; wait "$host_pid" 2>/dev/null || true
  sleep "$(( RANDOM % 3 )).$(( RANDOM % 10 ))"
  start_host
done
timeout 900 tail --pid="$load_pid" -f /dev/null || true
wait "$load_pid" || true
echo "load: $(cat "$work/load.out"), $(( $(date +%s) - started )) s"
echo "answers by status: $(jq -r .status "$acks" | sort | uniq -c | tr '\n' ' ')"

# Restart once more (a clean host after the last kill), then wait until the receiver has been quiet for 20 s.
kill -9 "$host_pid"; wait "$host_pid" 2>/dev/null || true
start_host
drain "${DRAIN:-300}" 20
echo "drained $(( $(date +%s) - started )) s after the load began"
stop_receiver
if node "$here/webhook-check.mjs" "$TABLE_PORT" "$LEADS_TABLE" "$deliveries" "$acks" '{"allLeads":true}' >"$work/check.json" 2>"$work/problems.txt"; then verdict=PASS; else verdict=FAIL; fi
cat "$work/check.json"; head -15 "$work/problems.txt"
echo "$verdict"
[ "$verdict" = PASS ]
