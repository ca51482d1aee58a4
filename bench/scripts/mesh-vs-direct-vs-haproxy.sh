#!/usr/bin/env bash
# mesh-vs-direct-vs-haproxy.sh -- HTTP requests/s and p50/p99 latency through swarmnet's routing
# mesh, straight to the tasks, and through HAProxy (TCP mode) in front of the same tasks, with
# keep-alive and with a new connection per request, in the same run.
#
#   swarmnet lab (3 nodes in namespaces LAB-1..3 on a bridge), service web: 3 x swarmnet/whoami,
#   published 8080:80, so one task per node on the ingress network (10.0.0.0/24).
#
#   client: wrk in node 1's namespace (LAB-1); every path ends at the same three tasks:
#     direct   wrk -> task IPs:80, one wrk thread per task (wrk-spread.lua). Node 1 reaches the
#              ingress network through its ingress TAP, so packets still cross swarmnet's data
#              plane (TAP to TAP for the local task, VXLAN for the other two) but no L4 proxy.
#              This is the fair "direct": the same packets the two proxies emit, without a proxy.
#     mesh     wrk -> node 1's lab IP:8080, swarmnet's routing mesh (userspace L4 proxy in the
#              daemon) -> the task IPs over the same ingress TAP and data plane.
#     haproxy  wrk -> node 1's lab IP:18080, HAProxy (mode tcp, roundrobin) in node 1's namespace
#              -> the task IPs over the same ingress TAP and data plane.
#
# swarmnet/whoami sets TCP_NODELAY (sun.net.httpserver.nodelay): without it the JDK HTTP server's
# separate header and body writes meet delayed ACKs and every keep-alive request takes ~40 ms
# whatever the path, which would hide the paths' differences.
#
# Needs root, wrk, haproxy, curl, iproute2 and swarmnet's lab (nsenter, setsid). Traffic stays in
# the lab's namespaces; the lab, HAProxy and the work directory are removed at the end, even on
# failure or Ctrl-C.
#
# Usage: sudo bench/scripts/mesh-vs-direct-vs-haproxy.sh
# Env:   DUR (10 s per run), REPS (1; medians), THREADS (3), CONNS (24), LAB_NAME (swbm<pid>),
#        LAB_SUBNET (a free 198.18.N.0/24), OUT (/tmp/swarmnet-mesh-bench), RESULTS, COMMANDS
#        (as in overlay-vs-kernel.sh)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
DUR=${DUR:-10}
REPS=${REPS:-1}
THREADS=${THREADS:-3}
CONNS=${CONNS:-24}
LAB=${LAB_NAME:-swbm$$}
OUT=${OUT:-/tmp/swarmnet-mesh-bench}
REPLICAS=3
HAPROXY_PORT=18080
swarmnet=$root/bin/swarmnet
haproxy_pid=

[[ $(id -u) == 0 ]] || { echo "mesh-vs-direct-vs-haproxy.sh needs root (namespaces, a swarmnet lab)" >&2; exit 1; }
for tool in ip wrk haproxy curl java nsenter setsid; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: apt-get install -y wrk haproxy curl iproute2 util-linux)" >&2; exit 1; }
done

free_subnet() { # the first 198.18.N.0/24 (N = 120..199) this host has no address or route in
  local n used
  used=$(ip -4 -o addr show; ip -4 route show)
  for n in $(seq 120 199); do
    grep -q "198\.18\.$n\." <<<"$used" || { echo "198.18.$n.0/24"; return 0; }
  done
  echo "no free 198.18.N.0/24 for the lab (N = 120..199); set LAB_SUBNET" >&2
  return 1
}
SUBNET=${LAB_SUBNET:-$(free_subnet)}

teardown() {
  if [[ -n $haproxy_pid ]]; then
    kill -TERM "$haproxy_pid" 2>/dev/null || true
    wait "$haproxy_pid" 2>/dev/null || true
    haproxy_pid=
  fi
  "$swarmnet" lab down --name "$LAB" >"$OUT/lab-down.log" 2>&1 || cat "$OUT/lab-down.log" >&2
}
mkdir -p "$OUT"
trap teardown EXIT
trap 'exit 130' INT TERM

in_node() { ip netns exec "$LAB-1" "$@"; }

echo "routing mesh bench: lab $LAB on $SUBNET, ${REPLICAS} whoami tasks, DUR=${DUR}s REPS=$REPS" >&2
"$swarmnet" lab up --name "$LAB" --nodes 3 --subnet "$SUBNET" >"$OUT/lab-up.log" 2>&1 || {
  echo "lab up failed:" >&2; tail -20 "$OUT/lab-up.log" >&2; exit 1; }
export SWARMNET_HOST=unix:///run/swarmnet-lab/$LAB/$LAB-1.sock
node_ip=$("$swarmnet" lab ip --name "$LAB" "$LAB-1")
"$swarmnet" service create --name web --replicas $REPLICAS -p 8080:80 \
  swarmnet/whoami >"$OUT/service.log" 2>&1 || {
  echo "service create failed:" >&2; tail -20 "$OUT/service.log" >&2; exit 1; }

task_ips() { # the eth0 address of every task namespace of the lab
  local ns
  for ns in $(ip netns list | awk -v p="$LAB-t" 'index($1, p) == 1 {print $1}'); do
    ip -n "$ns" -4 -o addr show dev eth0 2>/dev/null | awk '{split($4, a, "/"); print a[1]}'
  done | sort -V
}

answers() { in_node curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null | grep -q 200; }

all_answer() { local t; for t in "$@"; do answers "http://$t/" || return 1; done; }
tries=0
until targets=$(task_ips) && [[ $(wc -w <<<"$targets") == "$REPLICAS" ]] \
    && answers "http://$node_ip:8080/" && all_answer $targets; do
  tries=$((tries + 1))
  (( tries < 120 )) || { echo "the tasks or the routing mesh did not answer in 60 s (tasks: ${targets:-none})" >&2; exit 1; }
  sleep 0.5
done
targets=$(tr '\n' ' ' <<<"$targets" | sed 's/ $//')
echo "tasks: $targets; mesh: $node_ip:8080; HAProxy: $node_ip:$HAPROXY_PORT" >&2

{
  echo "global"
  echo "  maxconn 4096"
  echo "defaults"
  echo "  mode tcp"
  echo "  timeout connect 5s"
  echo "  timeout client 60s"
  echo "  timeout server 60s"
  echo "frontend bench"
  echo "  bind $node_ip:$HAPROXY_PORT"
  echo "  default_backend tasks"
  echo "backend tasks"
  echo "  balance roundrobin"
  i=0
  for t in $targets; do i=$((i + 1)); echo "  server task$i $t:80"; done
} >"$OUT/haproxy.cfg"
in_node haproxy -db -f "$OUT/haproxy.cfg" >"$OUT/haproxy.log" 2>&1 &
haproxy_pid=$!
tries=0
until answers "http://$node_ip:$HAPROXY_PORT/"; do
  tries=$((tries + 1))
  (( tries < 40 )) || { echo "HAProxy did not answer:" >&2; cat "$OUT/haproxy.log" >&2; exit 1; }
  sleep 0.25
done

to_ms() { # wrk duration (123.45us, 1.2ms, 2.00s, 1.5m) -> milliseconds
  awk -v d="$1" 'BEGIN { v = d + 0; u = d; sub(/^[0-9.]+/, "", u);
    if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000; printf "%.3f\n", v }'
}
median() { sort -g | awk '{a[NR]=$1} END{ if(NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }

wrk_args() { # path mode [seconds] -> the wrk command line (after "wrk")
  local path=$1 mode=$2 args=(-t "$THREADS" -c "$CONNS" -d "${3:-$DUR}s" --latency)
  [[ $mode == close ]] && args+=(-H "Connection: close")
  case $path in
    direct) args+=(-s "$here/wrk-spread.lua" "http://${targets%% *}/") ;;
    mesh) args+=("http://$node_ip:8080/") ;;
    haproxy) args+=("http://$node_ip:$HAPROXY_PORT/") ;;
  esac
  printf '%q ' "${args[@]}"
}

run() { # path mode rep -> appends to $OUT/{path}-{mode}-{rps,p50,p99,errors}.txt
  local path=$1 mode=$2 rep=$3 f="$OUT/wrk-$1-$2-$3.txt"
  eval "TARGETS='$targets' ip netns exec '$LAB-1' wrk $(wrk_args "$path" "$mode")" >"$f" 2>&1 || {
    echo "wrk failed on $path/$mode:" >&2; cat "$f" >&2; exit 1; }
  awk '/^Requests\/sec:/ {print $2}' "$f" >>"$OUT/$path-$mode-rps.txt"
  to_ms "$(awk '$1 == "50%" {print $2}' "$f")" >>"$OUT/$path-$mode-p50.txt"
  to_ms "$(awk '$1 == "99%" {print $2}' "$f")" >>"$OUT/$path-$mode-p99.txt"
  awk '/Socket errors|Non-2xx/ {print}' "$f" | tr '\n' ' ' >>"$OUT/$path-$mode-errors.txt"
  echo "  $path $mode #$rep: $(awk '/^Requests\/sec:/ {print $2}' "$f") req/s" >&2
}

rm -f "$OUT"/*-rps.txt "$OUT"/*-p50.txt "$OUT"/*-p99.txt "$OUT"/*-errors.txt
paths=(direct mesh haproxy)
for mode in keepalive close; do
  # a short warm-up of every path (JIT of the daemons, whoami and HAProxy's first connections)
  for path in "${paths[@]}"; do
    eval "TARGETS='$targets' ip netns exec '$LAB-1' wrk $(wrk_args "$path" "$mode" 2)" >/dev/null 2>&1 || true
  done
  for rep in $(seq 1 "$REPS"); do
    for path in "${paths[@]}"; do run "$path" "$mode" "$rep"; done   # interleaved: drift hits all paths alike
  done
done

fig() { median <"$OUT/$1.txt"; }
label() { case $1 in direct) echo "direct to tasks";; mesh) echo "routing mesh";; haproxy) echo "HAProxy tcp";; esac; }
echo "| mode | path | req/s | p50 ms | p99 ms | errors |"
echo "|---|---|---|---|---|---|"
for mode in keepalive close; do
  for path in "${paths[@]}"; do
    echo "| $mode | $(label "$path") | $(fig "$path-$mode-rps") | $(fig "$path-$mode-p50") | $(fig "$path-$mode-p99") | $(cat "$OUT/$path-$mode-errors.txt" 2>/dev/null) |"
  done
done

if [[ -n ${RESULTS:-} ]]; then
  row() { printf 'routing mesh\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS"; }
  for mode in keepalive close; do
    m=$([[ $mode == keepalive ]] && echo "keep-alive" || echo "new connection per request")
    for path in "${paths[@]}"; do
      case $path in
        direct) base="" ;;
        mesh) base="direct to tasks,HAProxy tcp" ;;
        haproxy) base="direct to tasks" ;;
      esac
      row "req/s, $m" "$(label "$path")" "$(fig "$path-$mode-rps")" "req/s" "$base" higher
      row "p50 latency, $m" "$(label "$path")" "$(fig "$path-$mode-p50")" "ms" "$base" lower
      row "p99 latency, $m" "$(label "$path")" "$(fig "$path-$mode-p99")" "ms" "$base" lower
    done
  done
fi
if [[ -n ${COMMANDS:-} ]]; then
  cat >>"$COMMANDS" <<CMDS
# routing mesh: DUR=$DUR REPS=$REPS, client wrk in node 1's namespace, 3 whoami tasks ($targets)
bin/swarmnet lab up --name $LAB --nodes 3 --subnet $SUBNET
bin/swarmnet service create --name web --replicas 3 -p 8080:80 swarmnet/whoami
ip netns exec $LAB-1 haproxy -db -f haproxy.cfg      # mode tcp, balance roundrobin, bind $node_ip:$HAPROXY_PORT, servers = the task IPs:80
TARGETS='$targets' ip netns exec $LAB-1 wrk $(wrk_args direct keepalive | sed "s|$root/||g")
ip netns exec $LAB-1 wrk $(wrk_args mesh keepalive)
ip netns exec $LAB-1 wrk $(wrk_args haproxy keepalive)
# new connection per request: the same with -H 'Connection: close'
CMDS
fi
