#!/usr/bin/env bash
# Interrupted sweep: seed many SQL/New leads (due for disqualify-no-contact after 30 days), start the sweep as of
# 40 days ahead, kill -9 the host mid-sweep, restart it, run the sweep again. Pass: every lead Disqualified, and
# exactly one NoContactTimeout command row per lead. Bounded; 127.0.0.1 only.
# Usage: bash scripts/reliability/interrupted-sweep.sh [leads (600)]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
leads="${1:-600}"
export LEADS_TABLE="SweepLeads$RANDOM" DUE_TABLE="SweepDue$RANDOM"
echo "work folder: $work"
build_host
start_azurite
start_host

seed() { for i in $(seq "$1" "$2"); do
  curl -s -o /dev/null --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"email\":\"sweep-$i@example.com\",\"firstName\":\"S\",\"company\":\"Acme\",\"country\":\"FR\",\"submissionId\":\"seed-$i\"}" \
    "$base/api/forms/contact-us/submissions"; done; }
half=$(( leads / 2 ))
seed 1 "$half" & s1=$!; seed $(( half + 1 )) "$leads" & s2=$!; wait $s1 $s2
sleep 6 # Azurite autosaves its table store every few seconds; only the host is killed here, but keep the seed on disk.
as_of=$(date -u -d '+40 days' +%Y-%m-%dT%H:%M:%SZ)
sweep="$base/api/admin/sweeps/disqualify-no-contact?asOf=$as_of"

curl -s -o "$work/sweep-1.json" --max-time 300 -X POST -H "x-functions-key: $api_key" "$sweep" & first=$!
sleep "${KILL_AFTER:-1.5}"
echo "kill -9 host ($host_pid) mid-sweep"
kill -9 "$host_pid"; wait "$host_pid" 2>/dev/null || true; wait "$first" 2>/dev/null || true
node "$(dirname "${BASH_SOURCE[0]}")/table-audit.mjs" "$table_port" "$LEADS_TABLE" NoContactTimeout >"$work/audit-killed.json"
echo "after the kill: $(node -e 'const a=require(process.argv[1]); console.log(JSON.stringify({statuses:a.statuses, noContactRowsPerLead:a.typeCountPerLead}))' "$work/audit-killed.json")"

start_host
curl -s -o "$work/sweep-2.json" --max-time 300 -X POST -H "x-functions-key: $api_key" "$sweep"
echo "second run: $(cat "$work/sweep-2.json")"
# The sweep queues the commands; the host's transition worker applies them. Audit once it has (or after 180 s).
for _ in $(seq 1 180); do
  node "$(dirname "${BASH_SOURCE[0]}")/table-audit.mjs" "$table_port" "$LEADS_TABLE" NoContactTimeout >"$work/audit.json"
  node -e 'const a=require(process.argv[1]); process.exit(a.statuses.Disqualified===Number(process.argv[2]) ? 0 : 1)' "$work/audit.json" "$leads" && break
  sleep 1
done
summary=$(node -e 'const a=require(process.argv[1]); console.log(JSON.stringify({leads:a.leads, statuses:a.statuses, noContactRowsPerLead:a.typeCountPerLead, inconsistent:a.inconsistent.length}))' "$work/audit.json")
echo "final: $summary"
node -e '
const a=require(process.argv[1]); const n=Number(process.argv[2]);
const ok = a.leads===n && a.statuses.Disqualified===n && a.typeCountPerLead[1]===n && a.inconsistent.length===0;
console.log(ok ? "PASS" : "FAIL"); process.exit(ok ? 0 : 1);' "$work/audit.json" "$leads"
