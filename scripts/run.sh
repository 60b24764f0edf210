#!/usr/bin/env bash
# The README's run command: installs Azurite from the lockfile, builds the local host and runs it on
# http://localhost:7071, or on the port given by --port N or LEADFUNCTIONS_PORT=N. The host starts Azurite itself
# when nothing listens on the storage ports, and refuses to start (one line, exit 2) when its port is taken.
# The host replaces this script (exec), so `kill <pid>` or a service manager's SIGTERM reaches it directly: it stops
# taking requests, lets Azurite save and exits. Other arguments go to the host (e.g. --Telemetry:Exporter=Console).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

port="${LEADFUNCTIONS_PORT:-7071}"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --port=*) port="${1#--port=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "run.sh: the port must be a number from 1 to 65535 (--port N or LEADFUNCTIONS_PORT=N), got '${port}'" >&2
  exit 2
fi

LEADFUNCTIONS_SKIP_CHROMIUM=1 bash scripts/bootstrap.sh

# Quiet unless it fails; no build servers left behind by a run command.
build_log="$(mktemp)"
if ! dotnet build src/LeadFunctions.LocalHost -c Release -nologo -v q --disable-build-servers >"$build_log" 2>&1; then
  cat "$build_log" >&2
  rm -f "$build_log"
  exit 1
fi
rm -f "$build_log"

cd src/LeadFunctions.LocalHost/bin/Release/net10.0
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet LeadFunctions.LocalHost.dll --urls "http://localhost:${port}" "${args[@]}"
