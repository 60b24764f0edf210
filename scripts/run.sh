#!/usr/bin/env bash
# The README's run command: installs Azurite from the lockfile and starts the local host on http://localhost:7071.
# The host starts Azurite itself when nothing listens on the storage ports.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
LEADFUNCTIONS_SKIP_CHROMIUM=1 bash scripts/bootstrap.sh
exec dotnet run --project src/LeadFunctions.LocalHost -c Release -- "$@"
