#!/usr/bin/env bash
# Storage fault: submissions stream into the local host while Azurite is killed (SIGNAL, default KILL) and restarted
# on the same folder. SIGNAL=TERM lets Azurite flush its write-behind store as it stops, so "acknowledged => stored"
# measures the product; with KILL the emulator loses its last seconds of writes whatever the client did. Pass: clients only ever see 2xx or 503, every lead partition is consistent (Version == command rows, no
# sequence gaps), and every acknowledged (2xx) submission id is stored after the restart. Bounded; 127.0.0.1 only.
# Usage: bash scripts/reliability/storage-fault.sh [submissions per client (400)] [clients (2)]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
per_client="${1:-400}"; clients="${2:-2}"
export LEADS_TABLE="FaultLeads$RANDOM" DUE_TABLE="FaultDue$RANDOM"
echo "work folder: $work"
build_host
start_azurite
start_host
# Azurite's table store (LokiJS) writes to disk on an autosave interval, not per request: give it time to save the
# tables the host just created, so the kill measures the product and not the emulator's last seconds.
sleep "${WARMUP:-6}"

client() { # n: bounded loop, one line per response: "<submissionId> <http status>"
  local n=$1
  for i in $(seq 1 "$per_client"); do
    local id="fault-$n-$i"
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
      -d "{\"email\":\"$id@example.com\",\"firstName\":\"F\",\"company\":\"Acme\",\"country\":\"FR\",\"submissionId\":\"$id\"}" \
      "$base/api/forms/contact-us/submissions" || true)
    echo "$id $code"
  done >"$work/client-$n.txt"
}

pids=()
for n in $(seq 1 "$clients"); do client "$n" & pids+=($!); done
sleep "${KILL_AFTER:-3}"
echo "kill -${SIGNAL:-KILL} azurite ($azurite_pid) after ${KILL_AFTER:-3} s"
kill -"${SIGNAL:-KILL}" "$azurite_pid"; wait "$azurite_pid" 2>/dev/null || true
sleep "${DOWN_FOR:-4}"
start_azurite
echo "azurite restarted on the same folder"
for p in "${pids[@]}"; do wait "$p"; done

cat "$work"/client-*.txt >"$work/responses.txt"
echo "responses by status:"; awk '{print $2}' "$work/responses.txt" | sort | uniq -c
node "$(dirname "${BASH_SOURCE[0]}")/table-audit.mjs" "$table_port" "$LEADS_TABLE" >"$work/audit.json"
acked=$(awk '$2 ~ /^2/ {print "sub:" $1}' "$work/responses.txt" | sort)
stored=$(node -e 'const a=require(process.argv[1]); console.log(a.commandIds.join("\n"))' "$work/audit.json" | sort)
missing=$(comm -23 <(echo "$acked") <(echo "$stored") | grep -c . || true)
bad_status=$(awk '$2 !~ /^2/ && $2 != "503"' "$work/responses.txt" | wc -l)
inconsistent=$(node -e 'console.log(require(process.argv[1]).inconsistent.length)' "$work/audit.json")
leads=$(node -e 'const a=require(process.argv[1]); console.log(a.leads + " leads, " + a.commandRows + " command rows")' "$work/audit.json")
echo "stored: $leads; acknowledged: $(echo "$acked" | grep -c .); acknowledged but missing: $missing; responses other than 2xx/503: $bad_status; inconsistent partitions: $inconsistent"
[ "$missing" -eq 0 ] && [ "$bad_status" -eq 0 ] && [ "$inconsistent" -eq 0 ] && echo PASS || { echo FAIL; exit 1; }
