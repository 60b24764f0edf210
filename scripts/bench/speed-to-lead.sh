#!/usr/bin/env bash
# Speed-to-lead (issue 15, item 4): form post -> lead stored -> owner assigned -> signed webhook received, p50/p99 per
# offered rate. Runs the product's local host in Release on an in-memory Azurite with one raw webhook subscriber (the
# receiver in speed-to-lead.mjs), then offers each rate for SECONDS seconds. Prints a Markdown table.
# Env: RATES (default 50,200,500), SECONDS (default 10).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rates=${RATES:-50,200,500}; seconds=${SECONDS_PER_RATE:-10}
dotnet build src/LeadFunctions.LocalHost -c Release -nologo -v q
start_azurite
out="$root/artifacts/bench/speed-to-lead"; mkdir -p "$out"
host_port=$(free_port); receiver_port=$(free_port); secret="bench-webhook-secret-0123456789"
(
  export LeadStorage__ConnectionString="$BENCH_STORAGE" LocalHost__StartAzurite=false LocalHost__RunSweeps=false \
    Intake__RateLimit__PermitLimit=1000000 LeadIdentity__Key="bench-key-bench-key-bench-key-bench-0123" Api__Key="bench-api-key" \
    LeadEvents__Webhooks__0__Url="http://127.0.0.1:$receiver_port/hook" LeadEvents__Webhooks__0__Secret="$secret" \
    LeadEvents__Webhooks__0__Events__0=OwnerAssigned \
    Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0
  exec setsid dotnet run --project src/LeadFunctions.LocalHost -c Release --no-build --no-launch-profile --urls "http://127.0.0.1:$host_port"
) >"$out/host.log" 2>&1 &
bench_pids+=($!)
wait_port "$host_port" 60
echo "load average before: $(load_avg)"
timeout 600 node scripts/bench/speed-to-lead.mjs "$host_port" "$receiver_port" "$secret" "$rates" "$seconds"
echo "load average after: $(load_avg)"
