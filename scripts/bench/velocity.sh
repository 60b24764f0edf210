#!/usr/bin/env bash
# Velocity report scaling (issue 16, item 3): seeds N leads per size into fresh tables of one in-memory Azurite (template
# leads through the product's intake, cloned in entity-group batches), then times the refresh pass (the one scan of
# every lead) and a request (one stored row), with requests and rows read. Prints a Markdown table.
# Usage: bash scripts/bench/velocity.sh [--sizes 1000,10000,100000] [--refreshes 3] [--requests 20]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
dotnet build benchmarks/LeadFunctions.StorageProbe -c Release -nologo -v q
start_azurite
dotnet run --project benchmarks/LeadFunctions.StorageProbe -c Release --no-build -- velocity "$@"
