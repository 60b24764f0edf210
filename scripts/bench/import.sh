#!/usr/bin/env bash
# Import throughput (issue 16, item 4): runs the product's local host in Release on an in-memory Azurite, posts ROWS
# generated people (NDJSON, distinct e-mails) to POST /api/imports?source=SOURCE, then polls GET /api/imports/{id}
# until its state is completed. Reports the time to 202 (rows stored and queued) and the wall time to completed.
# Then imports the same file again (every row already applied: created 0) and times that too.
# Env: ROWS (default 10000), SOURCE (default purchased-list; research routes every row to a rep), PARALLELISM (chunks
# applied side by side, the host's Imports:Parallelism; default the host's own).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rows=${ROWS:-10000}; source_name=${SOURCE:-purchased-list}
dotnet build src/LeadFunctions.LocalHost -c Release -nologo -v q
start_azurite
out="$root/artifacts/bench/import"; mkdir -p "$out"
host_port=$(free_port)
(
  export LeadStorage__ConnectionString="$BENCH_STORAGE" LocalHost__StartAzurite=false LocalHost__RunSweeps=false \
    LeadIdentity__Key="bench-key-bench-key-bench-key-bench-0123" Api__Key="bench-api-key" \
    Logging__LogLevel__Default=Warning \
    ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0
  if [ -n "${PARALLELISM:-}" ]; then export Imports__Parallelism="$PARALLELISM"; fi
  # A name with dots cannot be exported by bash; env passes it: the progress lines stay on while the rest is quiet.
  exec env "Logging__LogLevel__LeadFunctions.LocalHost.ImportProgressReporter=Information" setsid dotnet run --project src/LeadFunctions.LocalHost -c Release --no-build --no-launch-profile --urls "http://127.0.0.1:$host_port"
) >"$out/host.log" 2>&1 &
bench_pids+=($!)
wait_port "$host_port" 60

python3 - "$rows" >"$out/people.ndjson" <<'PY'
import json, sys
countries = ["FR", "DE", "US", "GB", "NL", "ES"]
for i in range(int(sys.argv[1])):
    print(json.dumps({"email": f"bench{i}@example{i % 97}.com", "firstName": "Bench", "lastName": f"Person{i}",
                      "company": f"Company {i % 500}", "country": countries[i % len(countries)], "employees": str(10 + i % 900),
                      "jobTitle": "Head of Operations", "utm_campaign": "bench-list", "consent": "true"}))
PY
echo "load average before: $(load_avg)"
echo "| run | rows | source | 202 after | completed after | rows/s | created | updated | unchanged | errors |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for run in first repeat; do
  python3 - "$host_port" "$source_name" "$out/people.ndjson" "$run" <<'PY'
import json, sys, time, urllib.request
port, source, path, run = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
body = open(path, "rb").read()
base = f"http://127.0.0.1:{port}/api/imports"
headers = {"x-functions-key": "bench-api-key"}
start = time.monotonic()
request = urllib.request.Request(f"{base}?source={source}", data=body, method="POST",
                                 headers={**headers, "Content-Type": "application/x-ndjson"})
with urllib.request.urlopen(request, timeout=120) as response:
    accepted = json.load(response)
acknowledged = time.monotonic() - start
while True:
    with urllib.request.urlopen(urllib.request.Request(f"{base}/{accepted['importId']}", headers=headers), timeout=60) as response:
        status = json.load(response)
    if status["state"] == "completed":
        break
    if time.monotonic() - start > 600:
        sys.exit(f"not completed after 600 s: {status['done']}/{status['total']}")
    time.sleep(0.25)
wall = time.monotonic() - start
print(f"| {run} | {status['total']} | {source} | {acknowledged:.2f} s | {wall:.1f} s | {status['total'] / wall:.0f} | "
      f"{status['created']} | {status['updated']} | {status['unchanged']} | {len(status['errors'])} |")
PY
done
echo "load average after: $(load_avg)"
echo "progress lines logged by the host (first 3, last 2):"
grep "Import imp-" "$out/host.log" | sed 's/\x1b\[[0-9;]*m//g' | { lines=$(cat); echo "$lines" | head -3; echo "$lines" | tail -2; }
