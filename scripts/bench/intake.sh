#!/usr/bin/env bash
# Intake load: POST /api/forms/contact-us/submissions with wrk (unique e-mail + submissionId per request, JSON body)
# against (a) the product's local host in Release and (b) benchmarks/LeadFunctions.LoadLimit, the design's limit
# (one Table batch per request), both on the same in-memory Azurite. Warm-up, then fixed-duration runs, alternating
# the two targets over ROUNDS rounds. Prints throughput, p50/p99 and the ratios.
# Env: DURATION (s, default 25), WARMUP (s, 10), CONNECTIONS (32), THREADS (2), ROUNDS (2), FORM (contact-us),
#      PRODUCT_LOG_LEVEL (unset = the host's appsettings, i.e. Information),
#      LIMIT_SHAPE (design = the rows this design writes per new lead, raw; minimal = lead + command row only).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
duration=${DURATION:-25}; warmup=${WARMUP:-10}; connections=${CONNECTIONS:-32}; threads=${THREADS:-2}
rounds=${ROUNDS:-2}; form=${FORM:-contact-us}; limit_shape=${LIMIT_SHAPE:-design}

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk; else echo "install wrk (apt-get install wrk)" >&2; exit 1; fi
fi

dotnet build src/LeadFunctions.LocalHost -c Release -nologo -v q
dotnet build benchmarks/LeadFunctions.LoadLimit -c Release -nologo -v q
start_azurite
out="$root/artifacts/bench/intake"; mkdir -p "$out"

product_port=$(free_port); limit_port=$(free_port)
(
  export LeadStorage__ConnectionString="$BENCH_STORAGE" LocalHost__StartAzurite=false LocalHost__RunSweeps=false \
    LocalHost__RunTransitionWorker=false Intake__RateLimit__PermitLimit=1000000 \
    LeadIdentity__Key="bench-key-bench-key-bench-key-bench-0123" Api__Key="bench-api-key" \
    ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0
  if [ -n "${PRODUCT_LOG_LEVEL:-}" ]; then export Logging__LogLevel__Default="$PRODUCT_LOG_LEVEL" Logging__LogLevel__LeadFunctions="$PRODUCT_LOG_LEVEL"; fi
  exec setsid dotnet run --project src/LeadFunctions.LocalHost -c Release --no-build --no-launch-profile --urls "http://127.0.0.1:$product_port"
) >"$out/product.log" 2>&1 &
bench_pids+=($!)
(
  export LeadStorage__ConnectionString="$BENCH_STORAGE" LoadLimit__Shape="$limit_shape" DOTNET_gcServer=0
  exec setsid dotnet run --project benchmarks/LeadFunctions.LoadLimit -c Release --no-build --no-launch-profile --urls "http://127.0.0.1:$limit_port"
) >"$out/limit.log" 2>&1 &
bench_pids+=($!)
wait_port "$product_port" 60; wait_port "$limit_port" 60

url() { echo "http://127.0.0.1:$1/api/forms/$form/submissions"; }
probe() { # one request; must be 202
  local code
  code=$(curl -s -o /dev/stderr -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"email\":\"probe-$RANDOM-$2@example.com\",\"submissionId\":\"probe-$RANDOM-$2\"}" "$(url "$1")")
  echo; [ "$code" = 202 ] || { echo "probe of $1 answered $code" >&2; exit 1; }
}
probe "$product_port" p; probe "$limit_port" l

run() { # name port seconds -> RESULT line
  wrk -t"$threads" -c"$connections" -d"${3}s" --latency -s scripts/bench/submissions.lua "$(url "$2")" >"$out/$1.txt" 2>&1
  grep '^RESULT' "$out/$1.txt" | sed "s/^RESULT/$1/"
}

echo "limit shape: $limit_shape; load before: $(load_avg)"
echo "warm-up ${warmup}s each"; run warmup-product "$product_port" "$warmup" >/dev/null; run warmup-limit "$limit_port" "$warmup" >/dev/null
results=()
for r in $(seq 1 "$rounds"); do
  # Alternate which goes first, so a slow drift (Azurite's in-memory tables growing, other load) hits both.
  if [ $((r % 2)) -eq 1 ]; then order="product limit"; else order="limit product"; fi
  for target in $order; do
    port=$product_port; [ "$target" = limit ] && port=$limit_port
    line=$(run "$target-$r" "$port" "$duration"); echo "$line  (load $(load_avg))"; results+=("$line")
  done
done
echo "load after: $(load_avg)"

printf '%s\n' "${results[@]}" | python3 scripts/bench/intake_summary.py
