#!/usr/bin/env bash
# The README's test command: installs the dev tools from the lockfile and the Bicep CLI, builds the whole solution
# (the Azure Functions app included, see scripts/build.sh) with warnings as errors, runs every test project, and
# ends with the summed TRX counts: "N passed, N failed, N skipped". It fails when a process the tests started
# (an Azurite, a local host, a test host) is still running after they end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/bootstrap.sh

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# The deploy-contract tests compile infra/main.bicep with the same pinned CLI CI lints with.
LEADFUNCTIONS_BICEP="$(bash scripts/bicep-check.sh --install-only 2>/dev/null)"
export LEADFUNCTIONS_BICEP

bash scripts/build.sh Release

# Every process the tests start inherits this mark, which finds exactly this run's leftovers even while other runs
# share the machine.
export LEADFUNCTIONS_TEST_RUN="$$-$RANDOM-$(date +%s)"
leftovers() {
  local environ pid args
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}; pid=${pid%/environ}
    if [ "$pid" != "$$" ] && grep -qz "^LEADFUNCTIONS_TEST_RUN=${LEADFUNCTIONS_TEST_RUN}\$" "$environ" 2>/dev/null; then
      args=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
      if [[ "$args" == *azurite.js* || "$args" == *LeadFunctions.LocalHost* || "$args" == *testhost* ]]; then
        echo "$pid $args"
      fi
    fi
  done
}

set +e
dotnet test LeadFunctions.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true
status=$?
set -e

# An emulator stopped by SIGTERM saves and exits within a second or two; anything still running after 20 s leaked.
left=""
for _ in $(seq 1 40); do
  left=$(leftovers)
  [ -z "$left" ] && break
  sleep 0.5
done
if [ -n "$left" ]; then
  echo "processes started by the tests are still running after they ended:" >&2
  echo "$left" >&2
  status=1
fi

passed=0; failed=0; total=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$((total + $(get total)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
done
skipped=$((total - passed - failed))
if [ "${#trx_files[@]}" -eq 0 ]; then
  echo "no test results were written" >&2
  status=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
