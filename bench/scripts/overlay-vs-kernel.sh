#!/usr/bin/env bash
# overlay-vs-kernel.sh -- the two-host, two-task overlay, once through swarmnet's data plane and
# once through Linux kernel VXLAN (kernel-vxlan-baseline.sh next to this script), in the same run.
#
#   [P-c1] eth0 10.0.9.11/24 (TAP)                 [P-c2] eth0 10.0.9.12/24 (TAP)
#        |  swarmnet dataplane (JVM) in P-h1             |  swarmnet dataplane (JVM) in P-h2
#   [P-h1] u0 198.18.0.1/24 <======= veth =======> [P-h2] u0 198.18.0.2/24    (VXLAN VNI 42, UDP 4789)
#
# Measures iperf3 TCP (1 stream, DUR s), iperf3 UDP 64-byte packets/s and ping RTT for each,
# and prints absolute figures and swarmnet/kernel ratios. Traffic never leaves the namespaces
# made here; everything is removed at the end, even on failure.
#
# Needs root, iproute2, iperf3, iputils-ping, python3, Java 17 (and Maven if the jar is not built).
# Usage: sudo bench/scripts/overlay-vs-kernel.sh      Env: DUR (10), REPS (1), NS_PREFIX (swb-), OUT
#   TRANSPORT=epoll|io_uring|nio (default epoll) is passed to the data planes as --transport; the
#   subject is then named "swarmnet (io_uring)" etc. in the figures.
#   RESULTS=FILE appends the figures as bench/run's tab-separated rows (group, metric, subject,
#   value, unit, baseline subject, better); COMMANDS=FILE appends the commands that measured them;
#   EXTRAS=0 keeps the kernel baseline to the figures compared here.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
P=${NS_PREFIX:-swb-}
DUR=${DUR:-10}
REPS=${REPS:-1}
OUT=${OUT:-/tmp/swarmnet-overlay-bench}
BASELINE=${BASELINE:-$here/kernel-vxlan-baseline.sh}
EXTRAS=${EXTRAS:-1}
TRANSPORT=${TRANSPORT:-epoll}
if [[ $TRANSPORT == epoll ]]; then SUBJECT=swarmnet; else SUBJECT="swarmnet ($TRANSPORT)"; fi
H1=${P}h1 H2=${P}h2 C1=${P}c1 C2=${P}c2
pids=()

[[ $(id -u) == 0 ]] || { echo "overlay-vs-kernel.sh needs root (namespaces, TAP devices)" >&2; exit 1; }
for tool in ip iperf3 ping python3 java; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: apt-get install -y iproute2 iperf3 iputils-ping python3 openjdk-17-jre-headless)" >&2; exit 1; }
done
[[ -x $BASELINE ]] || { echo "kernel baseline script not found at $BASELINE (set BASELINE=...)" >&2; exit 1; }

jar=$root/controlplane/target/swarmnet.jar
[[ -f $jar ]] || (cd "$root" && mvn -q -B -DskipTests -Dfuzz.skip=true package)

teardown() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  for pidf in "$OUT"/iperf3-*.pid; do
    [[ -f $pidf ]] && { kill "$(cat "$pidf")" 2>/dev/null || true; rm -f "$pidf"; }
  done
  for ns in "$C1" "$C2" "$H1" "$H2"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap teardown EXIT
trap 'exit 130' INT TERM

program() { # host-index -> program file for that host's data plane
  local self=$1 other=$((3 - $1))
  cat <<YAML
node: {underlay: 198.18.0.$self}
networks:
  - {name: bench, vni: 42, subnet: 10.0.9.0/24}
endpoints:
  - {network: bench, address: 10.0.9.$((10 + self)), namespace: ${P}c$self}
  - {network: bench, address: 10.0.9.$((10 + other)), node: 198.18.0.$other}
YAML
}

setup() {
  teardown
  mkdir -p "$OUT"
  ip netns add "$H1"; ip netns add "$H2"
  ip -n "$H1" link set lo up; ip -n "$H2" link set lo up
  ip link add u0 netns "$H1" type veth peer name u0 netns "$H2"
  ip -n "$H1" addr add 198.18.0.1/24 dev u0; ip -n "$H1" link set u0 up
  ip -n "$H2" addr add 198.18.0.2/24 dev u0; ip -n "$H2" link set u0 up
  for i in 1 2; do
    program "$i" >"$OUT/h$i.yaml"
    java ${SWARMNET_JAVA_OPTS:-} -jar "$jar" dataplane --program "$OUT/h$i.yaml" --netns "${P}h$i" --transport "$TRANSPORT" \
      >"$OUT/dataplane-h$i.log" 2>&1 &
    pids+=($!)
  done
  local tries=0
  until ip netns exec "$C1" ping -c 1 -W 1 -q 10.0.9.12 >/dev/null 2>&1; do
    tries=$((tries + 1))
    if (( tries > 60 )); then
      echo "swarmnet overlay did not come up; logs:" >&2; cat "$OUT"/dataplane-h*.log >&2; exit 1
    fi
    sleep 0.5
  done
}

pyget() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }
median() { sort -g | awk '{a[NR]=$1} END{ if(NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }

measure() { # label -> files $OUT/label-{tcp1,udp-rxpps,rtt-us}.txt
  local label=$1 r f
  rm -f "$OUT/$label"-*.txt
  ip netns exec "$C2" iperf3 -s -D -I "$OUT/iperf3-$label.pid" --logfile "$OUT/iperf3-$label.log"
  sleep 0.5
  # unmeasured warm-up: the data plane's JIT reaches steady state before the figures are taken
  ip netns exec "$C1" iperf3 -c 10.0.9.12 -t 2 >/dev/null 2>&1 || true
  for r in $(seq 1 "$REPS"); do
    f="$OUT/$label-tcp1-$r.json"
    ip netns exec "$C1" iperf3 -c 10.0.9.12 -t "$DUR" -J >"$f"
    pyget "$f" "d['end']['sum_received']['bits_per_second']/1e9" >>"$OUT/$label-tcp1.txt"
    f="$OUT/$label-udp64-$r.json"
    ip netns exec "$C1" iperf3 -c 10.0.9.12 -t "$DUR" -u -l 64 -b 0 -J >"$f"
    pyget "$f" "(d['end']['sum_received']['packets']-d['end']['sum_received']['lost_packets'])/d['end']['sum_received']['seconds']" >>"$OUT/$label-udp-rxpps.txt"
    ip netns exec "$C1" ping -c 50 -i 0.02 -q 10.0.9.12 | awk -F'[/ =]+' '/^rtt/{print $7*1000}' >>"$OUT/$label-rtt-us.txt"
  done
  kill "$(cat "$OUT/iperf3-$label.pid")" 2>/dev/null || true
  rm -f "$OUT/iperf3-$label.pid"
}

setup
measure swarmnet
teardown
trap - EXIT

echo "kernel baseline (same sitting): $BASELINE" >&2
NS_PREFIX=${P}k- REPS=$REPS DUR=$DUR EXTRAS=$EXTRAS OUT="$OUT/kernel" "$BASELINE" >"$OUT/kernel-baseline.out" 2>&1 || {
  echo "kernel baseline failed:" >&2; tail -20 "$OUT/kernel-baseline.out" >&2; exit 1; }

fmt() { python3 -c "import sys; print(f'{float(sys.argv[1]):.{int(sys.argv[2])}f}')" "$1" "$2"; }
k() { fmt "$(median <"$OUT/kernel/c1-c2-kernel-vxlan-$1.txt")" "${2:-2}"; }
s() { fmt "$(median <"$OUT/swarmnet-$1.txt")" "${2:-2}"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}' if b else 'n/a')" "$1" "$2"; }

echo "# $(date -u +%FT%TZ) $(uname -r) nproc=$(nproc) reps=$REPS dur=${DUR}s"
echo "| metric | $SUBJECT | kernel VXLAN | $SUBJECT/kernel |"
echo "|---|---|---|---|"
echo "| TCP 1 stream Gb/s | $(s tcp1) | $(k tcp1) | $(ratio "$(s tcp1)" "$(k tcp1)") |"
echo "| UDP 64 B received pps | $(s udp-rxpps 0) | $(k udp-rxpps 0) | $(ratio "$(s udp-rxpps)" "$(k udp-rxpps)") |"
echo "| ping RTT us | $(s rtt-us 0) | $(k rtt-us 0) | $(ratio "$(s rtt-us)" "$(k rtt-us)") |"

if [[ -n ${RESULTS:-} ]]; then
  row() { printf 'overlay\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS"; }
  row "TCP 1 stream" "$SUBJECT overlay" "$(s tcp1)" "Gb/s" "kernel VXLAN" higher
  row "TCP 1 stream" "kernel VXLAN" "$(k tcp1)" "Gb/s" "" higher
  row "UDP 64 B received" "$SUBJECT overlay" "$(s udp-rxpps 0)" "pps" "kernel VXLAN" higher
  row "UDP 64 B received" "kernel VXLAN" "$(k udp-rxpps 0)" "pps" "" higher
  row "ping RTT" "$SUBJECT overlay" "$(s rtt-us 0)" "us" "kernel VXLAN" lower
  row "ping RTT" "kernel VXLAN" "$(k rtt-us 0)" "us" "" lower
fi
if [[ -n ${COMMANDS:-} ]]; then
  cat >>"$COMMANDS" <<CMDS
# overlay: two hosts (namespaces ${P}h1/${P}h2 on a veth), two tasks (${P}c1/${P}c2), VNI 42; DUR=$DUR REPS=$REPS
java -jar controlplane/target/swarmnet.jar dataplane --program h{1,2}.yaml --netns ${P}h{1,2} --transport $TRANSPORT   # $SUBJECT overlay
bench/scripts/kernel-vxlan-baseline.sh   # kernel VXLAN: bridge + vxlan42 per host, static FDB (NS_PREFIX=${P}k- EXTRAS=$EXTRAS)
ip netns exec C2 iperf3 -s
ip netns exec C1 iperf3 -c 10.0.9.x -t $DUR -J                   # TCP 1 stream, received Gb/s
ip netns exec C1 iperf3 -c 10.0.9.x -t $DUR -u -l 64 -b 0 -J     # UDP 64 B, received packets/s
ip netns exec C1 ping -c 50 -i 0.02 -q 10.0.9.x                  # RTT average
CMDS
fi
