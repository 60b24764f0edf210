#!/usr/bin/env bash
# Validates the infrastructure code: compiles every .bicep file under infra/,
# lints it with the rules in bicepconfig.json, and compiles every .bicepparam
# file. Any error or warning fails the script.
#
# The Bicep CLI is downloaded from NuGet (package
# Azure.Bicep.CommandLine.linux-x64), checked against a pinned SHA-256 and
# cached in artifacts/bicep/<version>/ (gitignored). Nothing else is needed:
# bash, curl, sha256sum and unzip (or python3).
#
# Environment overrides:
#   BICEP_BIN            use this bicep executable instead of downloading one
#                        (e.g. on macOS/arm64, which the NuGet mirror lacks)
#   NUGET_FLAT_CONTAINER NuGet v3 flat container base URL
#                        (default https://api.nuget.org/v3-flatcontainer)
#
# --install-only: install (or find) the CLI, print its path and stop; the deploy
# contract test compiles infra/main.bicep with it.
set -euo pipefail
shopt -s inherit_errexit

readonly BICEP_VERSION="0.49.2"
readonly BICEP_PACKAGE="azure.bicep.commandline.linux-x64"
# SHA-256 of ${BICEP_PACKAGE}.${BICEP_VERSION}.nupkg; update together with BICEP_VERSION.
readonly BICEP_NUPKG_SHA256="4200806a921d2ba1ea7de78ec2e064cefe313f26f612be442e5161452af70d9d"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

log() { printf 'bicep-check: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

extract_bicep() { # <nupkg> <dest dir>
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$1" 'tools/bicep' -d "$2"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("tools/bicep", sys.argv[2])' "$1" "$2"
  else
    die "need unzip or python3 to extract the Bicep CLI package"
  fi
}

# Temp dirs removed on any exit (success, failure or die).
cleanup_dirs=()
cleanup() { ((${#cleanup_dirs[@]} == 0)) || rm -rf "${cleanup_dirs[@]}"; }
trap cleanup EXIT

# Sets $bicep to a cached Bicep CLI, downloading it first if needed. Runs in
# the main shell (not in $(...)) so set -e applies to every step.
install_bicep() {
  local cache_dir="$repo_root/artifacts/bicep/$BICEP_VERSION"
  bicep="$cache_dir/bicep"
  [[ ! -x "$bicep" ]] || return 0

  local os arch
  os="$(uname -s)"
  arch="$(uname -m)"
  if [[ "$os" != "Linux" || "$arch" != "x86_64" ]]; then
    die "no pinned Bicep CLI for $os/$arch; install Bicep $BICEP_VERSION and set BICEP_BIN"
  fi

  local base="${NUGET_FLAT_CONTAINER:-https://api.nuget.org/v3-flatcontainer}"
  local url="$base/$BICEP_PACKAGE/$BICEP_VERSION/$BICEP_PACKAGE.$BICEP_VERSION.nupkg"
  mkdir -p "$repo_root/artifacts/bicep"
  local staging
  staging="$(mktemp -d "$repo_root/artifacts/bicep/.staging.XXXXXX")"
  cleanup_dirs+=("$staging")

  log "downloading Bicep CLI $BICEP_VERSION from $url"
  curl --fail --silent --show-error --location --retry 3 --output "$staging/bicep.nupkg" "$url"
  local actual
  actual="$(sha256sum "$staging/bicep.nupkg" | cut -d' ' -f1)"
  [[ "$actual" == "$BICEP_NUPKG_SHA256" ]] ||
    die "checksum mismatch for $url: expected $BICEP_NUPKG_SHA256, got $actual"

  extract_bicep "$staging/bicep.nupkg" "$staging/pkg"
  [[ -f "$staging/pkg/tools/bicep" ]] || die "tools/bicep missing from $url"
  chmod +x "$staging/pkg/tools/bicep"
  mkdir -p "$cache_dir"
  # rename is atomic, so a concurrent or interrupted run never sees half a binary
  mv -f "$staging/pkg/tools/bicep" "$bicep"
}

if [[ -n "${BICEP_BIN:-}" ]]; then
  bicep="$BICEP_BIN"
else
  install_bicep
fi
version_line="$("$bicep" --version)"
log "using $version_line ($bicep)"
[[ -n "${BICEP_BIN:-}" || "$version_line" == *"version $BICEP_VERSION "* ]] ||
  die "expected Bicep CLI $BICEP_VERSION, got: $version_line"
if [[ "${1:-}" == "--install-only" ]]; then
  printf '%s\n' "$bicep"
  exit 0
fi

mapfile -t bicep_files < <(find infra -type f -name '*.bicep' | LC_ALL=C sort)
mapfile -t param_files < <(find infra -type f -name '*.bicepparam' | LC_ALL=C sort)
((${#bicep_files[@]} > 0)) || die "no .bicep files under infra/"
((${#param_files[@]} > 0)) || die "no .bicepparam files under infra/"

out_dir="$(mktemp -d)"
cleanup_dirs+=("$out_dir")

# The parameters file reads LEAD_IDENTITY_KEY (a secret) from the environment.
# Compile with a throwaway placeholder so CI needs no secret and a developer's
# real key is never written to disk.
run_bicep() {
  env LEAD_IDENTITY_KEY="bicep-check-placeholder-not-a-real-key-0000" "$bicep" "$@"
}

failures=0
diagnostics=0
# Runs one bicep command, echoes its diagnostics, and counts it as failed on a
# non-zero exit or on any Warning/Error line (bicep exits 0 on warnings).
check() { # <label> <bicep args...>
  local label="$1"
  shift
  local output rc=0
  output="$(run_bicep "$@" 2>&1)" || rc=$?
  local count
  count="$(grep -cE ' : (Warning|Error) ' <<<"$output" || true)"
  diagnostics=$((diagnostics + count))
  if ((rc != 0 || count > 0)); then
    [[ -z "$output" ]] || printf '%s\n' "$output" >&2
    log "FAIL $label (exit $rc, $count diagnostics)"
    failures=$((failures + 1))
  else
    log "ok   $label"
  fi
}

for f in "${bicep_files[@]}" "${param_files[@]}"; do
  mkdir -p "$out_dir/$(dirname "$f")"
done
for f in "${bicep_files[@]}"; do
  check "build $f" build "$f" --outfile "$out_dir/${f%.bicep}.json"
  check "lint  $f" lint "$f"
done
for f in "${param_files[@]}"; do
  check "build-params $f" build-params "$f" --outfile "$out_dir/${f%.bicepparam}.parameters.json"
  check "lint  $f" lint "$f"
done

summary="${#bicep_files[@]} .bicep + ${#param_files[@]} .bicepparam files, ${version_line#Bicep CLI }: $failures failed checks, $diagnostics diagnostics"
if ((failures > 0)); then
  log "FAILED - $summary"
  exit 1
fi
log "PASSED - $summary"
