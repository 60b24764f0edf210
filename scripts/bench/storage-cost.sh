#!/usr/bin/env bash
# Table Storage requests per new-lead submission, repeated submission and applied transition (and a few more),
# counted by an HttpPipelinePolicy on the engine wired as the hosts wire it. One command; prints a Markdown table.
# Usage: bash scripts/bench/storage-cost.sh [--samples 10]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
dotnet build benchmarks/LeadFunctions.StorageProbe -c Release -nologo -v q
start_azurite
dotnet run --project benchmarks/LeadFunctions.StorageProbe -c Release --no-build -- requests "$@"
