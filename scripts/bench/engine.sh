#!/usr/bin/env bash
# Engine micro-benchmarks (BenchmarkDotNet, ShortRun, MemoryDiagnoser). Results: artifacts/bench/engine/results/*.md
# Usage: bash scripts/bench/engine.sh [extra BenchmarkDotNet args, e.g. --filter '*ContactMade*']
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out="$root/artifacts/bench/engine"
mkdir -p "$out"
echo "load before run: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run --project benchmarks/LeadFunctions.Benchmarks -c Release -- --filter '*' --artifacts "$out" "$@"
echo "load after run: $(cut -d' ' -f1-3 /proc/loadavg)"
