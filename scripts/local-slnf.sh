#!/usr/bin/env bash
# Writes a solution filter with every project of LeadFunctions.sln except the Azure Functions app (see test.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"
mkdir -p "$(dirname "$out")"
projects=$(cd "$root" && dotnet sln LeadFunctions.sln list | grep -E '\.csproj$' | grep -v -E '(^|/)src/LeadFunctions/LeadFunctions\.csproj$' | sed 's#\\#/#g')
{
  echo '{ "solution": { "path": "../LeadFunctions.sln", "projects": ['
  first=1
  while IFS= read -r p; do
    [ -z "$p" ] && continue
    if [ $first -eq 0 ]; then echo ','; fi
    printf '  "%s"' "$p"
    first=0
  done <<<"$projects"
  echo ''
  echo '] } }'
} >"$out"
