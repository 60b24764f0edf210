#!/usr/bin/env bash
# Sweep scaling: seeds N leads (D due for disqualify-no-contact) per size into fresh tables of one in-memory Azurite,
# runs SweepRunner (3 dry runs + 1 real run + 1 empty re-run), prints rows read, requests and wall time per N.
# Usage: bash scripts/bench/sweep.sh [--sizes 1000,10000,100000] [--due 200] [--repeats 3]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
dotnet build benchmarks/LeadFunctions.StorageProbe -c Release -nologo -v q
start_azurite
dotnet run --project benchmarks/LeadFunctions.StorageProbe -c Release --no-build -- sweep "$@"
