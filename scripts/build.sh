#!/usr/bin/env bash
# Builds the whole LeadFunctions.sln (the Azure Functions app included) with warnings as errors.
#
# With the full NuGet registry this is a plain restore and build. On a feed that lacks some of the Functions app's
# packages it adapts, and says so in one line each time:
# - packages the configured sources cannot restore are taken from ../shared/nuget-feed, when that folder exists, as
#   an extra source beside the configured ones (never instead of them);
# - when the Worker SDK's inner "WorkerExtensions" build (the Functions host's extension bundle) cannot restore, the
#   app is compiled with that inner build off; functions.metadata is still generated (see the app's csproj), so the
#   metadata tests run, but the output is a compile check, not a deployable package.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
configuration="${1:-Release}"
log_dir="$root/artifacts/build"
mkdir -p "$log_dir"

restore_args=()
if ! dotnet restore LeadFunctions.sln -nologo -v quiet >"$log_dir/restore.log" 2>&1; then
  feed="$(cd "$root/.." && pwd)/shared/nuget-feed"
  if [ -d "$feed" ]; then
    codes=$(grep -oE 'NU1[0-9]{3}' "$log_dir/restore.log" | sort -u | paste -sd, -)
    echo "build: the configured NuGet sources cannot restore every package (${codes}); restoring with ../shared/nuget-feed as an extra source"
    # The local packages name a few dependencies one patch below what this feed serves (NU1603): a warning, not an error.
    restore_args=("-p:RestoreAdditionalProjectSources=$feed" "-p:WarningsNotAsErrors=NU1603")
    dotnet restore LeadFunctions.sln -nologo -v quiet "${restore_args[@]}"
  else
    cat "$log_dir/restore.log" >&2
    exit 1
  fi
fi

build() {
  dotnet build LeadFunctions.sln -c "$configuration" --no-restore -warnaserror -nologo -v minimal "${restore_args[@]}" "$@"
}

if build >"$log_dir/build.log" 2>&1; then
  grep -E 'warning|error|Elapsed' "$log_dir/build.log" || true
  exit 0
fi
if grep -qE 'WorkerExtensions\.csproj.*error NU110[12]' "$log_dir/build.log"; then
  echo "build: the Functions SDK's inner extension build cannot restore here; compiling the app with it off (a compile check with functions.metadata, not a deployable package)"
  build -p:_FunctionsBuildEnabled=false
else
  cat "$log_dir/build.log" >&2
  exit 1
fi
