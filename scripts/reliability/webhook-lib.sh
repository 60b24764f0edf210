# Shared by the webhook reliability scripts (on top of lib.sh): the local receiver, the load generator and the drain
# wait, each started in the background and killed by pid on exit. Set HOST_PORT, RECEIVER_PORT and the Azurite ports
# before sourcing.
# shellcheck shell=bash
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
receiver_port="${RECEIVER_PORT:-7292}"
secret="reliability-webhook-secret-0123456789"
mine=()

webhook_cleanup() {
  local pid
  for pid in "${mine[@]:-}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; done
  cleanup
}
trap webhook_cleanup EXIT
trap 'exit 130' INT TERM

# One raw subscriber for every event type, pointing at the local receiver; the host reads these when start_host runs.
subscribe() {
  export LeadEvents__Webhooks__0__Url="http://127.0.0.1:${receiver_port}/hook" LeadEvents__Webhooks__0__Secret="$secret"
}

start_receiver() { # mode log [limit seconds]
  node "$here/webhook-receiver.mjs" "$receiver_port" "$secret" "$2" "$1" "${3:-1800}" >>"$work/receiver.out" 2>&1 &
  receiver_pid=$!; mine+=("$receiver_pid")
  wait_port "$receiver_port" 10
}

stop_receiver() { kill -TERM "$receiver_pid" 2>/dev/null || true; wait "$receiver_pid" 2>/dev/null || true; }

# Waits (at most $1 s) until nothing has reached the receiver for $2 s, the lead-events queue is empty (messages a
# killed host had received count until their visibility timeout ends) and the host lists no pending or queued delivery.
drain() {
  local bound=$1 quiet=$2 last=-1 still=0 n open
  for _ in $(seq 1 "$bound"); do
    n=$(wc -l <"$deliveries" 2>/dev/null || echo 0)
    if [ "$n" = "$last" ]; then still=$((still + 1)); else still=0; last=$n; fi
    if [ "$still" -ge "$quiet" ]; then
      open=0
      [ "$(node "$here/queue-depth.mjs" "$queue_port" lead-events 2>/dev/null || echo 1)" = 0 ] || open=1
      for state in pending queued; do
        curl -s --max-time 10 -H "x-functions-key: $api_key" "$base/api/admin/deliveries?state=$state&pageSize=1" | grep -q '"items":\[\]' || open=1
      done
      [ "$open" = 0 ] && return 0
    fi
    sleep 1
  done
  echo "drain: not quiet after $bound s" >&2
  return 0
}
