# Shared by the reliability scripts: a persistent Azurite and the local host on 127.0.0.1, started and killed by pid.
# shellcheck shell=bash
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${WORK:-$(mktemp -d /tmp/lf-reliability.XXXXXX)}"
blob_port="${BLOB_PORT:-21000}"; queue_port="${QUEUE_PORT:-21001}"; table_port="${TABLE_PORT:-21002}"; host_port="${HOST_PORT:-21071}"
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${account_key};BlobEndpoint=http://127.0.0.1:${blob_port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${queue_port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:${table_port}/devstoreaccount1;"
api_key="reliability-script-key"
base="http://127.0.0.1:${host_port}"

wait_port() { # port seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "nothing listens on $1 after $2 s" >&2; return 1
}

start_azurite() {
  node "$root/node_modules/azurite/dist/src/azurite.js" --silent --disableTelemetry --skipApiVersionCheck --disableProductStyleUrl --loose \
    --location "$work/azurite" --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port" >"$work/azurite.log" 2>&1 &
  azurite_pid=$!
  wait_port "$table_port" 30 && wait_port "$queue_port" 30
}

build_host() { dotnet build "$root/src/LeadFunctions.LocalHost" -c Release -nologo -v q >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }; }

start_host() {
  # exec: the pid is the host itself, so kill -9 hits the process that serves requests.
  ( cd "$root" && ASPNETCORE_ENVIRONMENT=Development \
    LeadStorage__ConnectionString="$connection" LeadStorage__LeadsTable="${LEADS_TABLE:-RelLeads}" LeadStorage__DueTable="${DUE_TABLE:-RelDue}" \
    LocalHost__StartAzurite=false LocalHost__RunSweeps=false Api__Key="$api_key" LeadIdentity__Key="reliability-script-lead-identity-key-000001" Intake__RateLimit__PermitLimit=1000000 \
    Logging__LogLevel__Default=Warning \
    exec dotnet "$root/src/LeadFunctions.LocalHost/bin/Release/net10.0/LeadFunctions.LocalHost.dll" --urls "$base" ) >>"$work/host.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/api/health")" = "200" ] && return 0
    sleep 0.1
  done
  echo "host did not become healthy" >&2; tail -30 "$work/host.log" >&2; return 1
}

cleanup() {
  [ -n "${host_pid:-}" ] && kill -9 "$host_pid" 2>/dev/null || true
  [ -n "${azurite_pid:-}" ] && kill -9 "$azurite_pid" 2>/dev/null || true
}
trap cleanup EXIT
