# Shared by the scripts in scripts/bench: an in-memory Azurite on free 127.0.0.1 ports, and cleanup of everything
# these scripts start (by PID only).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bench_pids=()

bench_cleanup() {
  local pid
  for pid in "${bench_pids[@]:-}"; do
    [ -n "$pid" ] || continue
    # dotnet run and node are started as their own process group (setsid), so the group goes with them.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${bench_pids[@]:-}"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
}
trap bench_cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_port() { # port, seconds
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1 after $2 s" >&2
  return 1
}

ensure_node_modules() {
  if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then npm ci --no-audit --no-fund; fi
}

# Starts Azurite in memory; sets BENCH_STORAGE (connection string with blob, queue and table endpoints).
# To see what a run costs Azurite (off by default, both slow it down): AZURITE_DEBUG_LOG=FILE logs every request
# (count them by its RequestMethod=... RequestURL=... lines); AZURITE_CPU_PROFILE=DIR writes a V8 CPU profile there
# when Azurite exits at the end of the run.
start_azurite() {
  ensure_node_modules
  local blob queue table log="$root/artifacts/bench/azurite.log" node_args=() azurite_args=()
  mkdir -p "$root/artifacts/bench"
  if [ -n "${AZURITE_CPU_PROFILE:-}" ]; then mkdir -p "$AZURITE_CPU_PROFILE"; node_args=(--cpu-prof "--cpu-prof-dir=$AZURITE_CPU_PROFILE"); fi
  if [ -n "${AZURITE_DEBUG_LOG:-}" ]; then azurite_args=(--debug "$AZURITE_DEBUG_LOG"); fi
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  setsid node "${node_args[@]}" node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry --skipApiVersionCheck --disableProductStyleUrl --loose "${azurite_args[@]}" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" --inMemoryPersistence >"$log" 2>&1 &
  bench_pids+=($!)
  wait_port "$table" 30; wait_port "$queue" 30
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export BENCH_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "Azurite (in memory) on 127.0.0.1: table $table, queue $queue, blob $blob"
}

load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
