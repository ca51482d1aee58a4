#!/usr/bin/env bash
# kernel-vxlan-baseline.sh -- local performance floor/ceiling for the overlay data plane.
#
# Copied into the repository from the project's shared benchmark notes
# (/work/shared/bench/kernel-vxlan-baseline.sh, the kernel VXLAN baseline the overlay was designed
# against) so that bench/run works from a clean clone. Local change: EXTRAS=0 measures only the
# container-to-container VXLAN path with 1 TCP stream (what overlay-vs-kernel.sh compares), for
# bench/run --quick.
#
# Builds, measures and tears down (idempotent; re-running first removes what a
# previous run of THIS script left behind, by name):
#
#   [c1 netns] eth0 10.0.9.1/24 (mtu 1450)          [c2 netns] eth0 10.0.9.2/24 (mtu 1450)
#        | veth                                           | veth
#   [h1 netns] br0 -- vx42 (VNI 42, dstport 4789)   [h2 netns] br0 -- vx42 (VNI 42, dstport 4789)
#        u0 192.168.250.1/24 <======= veth "u0" =======> u0 192.168.250.2/24
#   (c1/c2 = "containers", h1/h2 = "hosts"; VXLAN is kernel, FDB is static, no learning)
#
# Measures (each REPS times, medians reported):
#   - iperf3 TCP 10 s, 1 stream and 4 streams: c1->c2 (over VXLAN) and h1->h2 (plain veth)
#   - iperf3 UDP 64-byte payload, -b 0 (unlimited), 10 s: packets/s sent and received
#   - ping RTT (50 pings, 20 ms apart)
#   - optional (if gcc exists): UDP 64 B pps with one send()/packet vs sendmmsg/recvmmsg x64,
#     using a tiny C probe embedded below and compiled into $OUT
#
# Traffic never leaves the namespaces created here.
# Needs root, iproute2 (ip, bridge), iperf3, iputils-ping, python3 (JSON parsing); gcc optional.
#   Debian: apt-get update && apt-get install -y iperf3 iputils-ping
#
# Usage:  sudo ./kernel-vxlan-baseline.sh            # create + measure + teardown
#         sudo ./kernel-vxlan-baseline.sh setup      # only build topology
#         sudo ./kernel-vxlan-baseline.sh teardown   # only remove it
# Env:    NS_PREFIX (default "vxb-"; namespaces are ${NS_PREFIX}h1 .. ${NS_PREFIX}c2)
#         REPS (default 3), DUR (default 10), OUT (default /tmp/kernel-vxlan-baseline)
set -euo pipefail

P=${NS_PREFIX-vxb-}
H1=${P}h1 H2=${P}h2 C1=${P}c1 C2=${P}c2
REPS=${REPS:-3}
DUR=${DUR:-10}
OUT=${OUT:-/tmp/kernel-vxlan-baseline}
EXTRAS=${EXTRAS:-1}
VNI=42
PORT=4789

teardown() {
  local ns pidf
  [[ -z ${SAMPLER:-} ]] || kill "$SAMPLER" 2>/dev/null || true
  for pidf in "$OUT"/iperf3-*.pid; do
    [[ -f $pidf ]] || continue
    kill "$(cat "$pidf")" 2>/dev/null || true
    rm -f "$pidf"
  done
  for ns in "$C1" "$C2" "$H1" "$H2"; do
    ip netns del "$ns" 2>/dev/null || true    # deleting the netns removes its veths/bridge/vxlan
  done
}

setup() {
  teardown
  for ns in "$H1" "$H2" "$C1" "$C2"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  # underlay: h1 <-> h2
  ip link add u0 netns "$H1" type veth peer name u0 netns "$H2"
  ip -n "$H1" addr add 192.168.250.1/24 dev u0
  ip -n "$H2" addr add 192.168.250.2/24 dev u0
  ip -n "$H1" link set u0 up
  ip -n "$H2" link set u0 up

  local i h c lip rip cip
  for i in 1 2; do
    if [[ $i == 1 ]]; then h=$H1 c=$C1 lip=192.168.250.1 rip=192.168.250.2 cip=10.0.9.1
    else                   h=$H2 c=$C2 lip=192.168.250.2 rip=192.168.250.1 cip=10.0.9.2; fi
    # container <-> host bridge
    ip link add eth0 netns "$c" type veth peer name cport netns "$h"
    ip -n "$h" link add br0 type bridge
    ip -n "$h" link set br0 up
    ip -n "$h" link set cport master br0 up
    # kernel VXLAN VTEP; 'remote' installs the all-zeros default FDB entry -> peer VTEP
    ip -n "$h" link add vx42 type vxlan id $VNI dstport $PORT local "$lip" remote "$rip" dev u0 nolearning
    ip -n "$h" link set vx42 master br0 up
    ip -n "$c" link set eth0 mtu 1450
    ip -n "$c" addr add "$cip"/24 dev eth0
    ip -n "$c" link set eth0 up
  done
  # static FDB: each container MAC -> remote VTEP (in addition to the default entry)
  local m1 m2
  m1=$(ip -n "$C1" -o link show eth0 | sed -E 's/.*link\/ether ([0-9a-f:]+).*/\1/')
  m2=$(ip -n "$C2" -o link show eth0 | sed -E 's/.*link\/ether ([0-9a-f:]+).*/\1/')
  bridge -n "$H1" fdb append "$m2" dev vx42 dst 192.168.250.2 self permanent
  bridge -n "$H2" fdb append "$m1" dev vx42 dst 192.168.250.1 self permanent
  ip netns exec "$C1" ping -c 2 -W 2 -q 10.0.9.2 >/dev/null
  ip netns exec "$H1" ping -c 2 -W 2 -q 192.168.250.2 >/dev/null
}

# json field extraction without jq dependency
pyget() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

start_server() { # ns name
  mkdir -p "$OUT"
  ip netns exec "$1" iperf3 -s -D -I "$OUT/iperf3-$2.pid" --logfile "$OUT/iperf3-$2.log"
  sleep 0.5
}

median() { sort -g | awk '{a[NR]=$1} END{ if(NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
# "median (min-max)" of a one-number-per-line file, with $2 decimals
stat3() { printf "%.${2}f (%.${2}f-%.${2}f)" "$(median <"$1")" "$(sort -g "$1" | head -1)" "$(sort -g "$1" | tail -1)"; }

measure_path() { # label client_ns server_ns server_ip
  local label=$1 cns=$2 sns=$3 sip=$4 r f
  start_server "$sns" "$label"
  for r in $(seq 1 "$REPS"); do
    f="$OUT/$label-tcp1-$r.json"
    ip netns exec "$cns" iperf3 -c "$sip" -t "$DUR" -J >"$f"
    pyget "$f" "d['end']['sum_received']['bits_per_second']/1e9" >>"$OUT/$label-tcp1.txt"
    if [[ $EXTRAS == 1 ]]; then
      f="$OUT/$label-tcp4-$r.json"
      ip netns exec "$cns" iperf3 -c "$sip" -t "$DUR" -P 4 -J >"$f"
      pyget "$f" "d['end']['sum_received']['bits_per_second']/1e9" >>"$OUT/$label-tcp4.txt"
    else
      echo nan >>"$OUT/$label-tcp4.txt"
    fi
    f="$OUT/$label-udp64-$r.json"
    ip netns exec "$cns" iperf3 -c "$sip" -t "$DUR" -u -l 64 -b 0 -J >"$f"
    # sender pps / receiver pps / loss %
    pyget "$f" "d['end']['sum_sent']['packets']/d['end']['sum_sent']['seconds']" >>"$OUT/$label-udp-txpps.txt"
    pyget "$f" "(d['end']['sum_received']['packets']-d['end']['sum_received']['lost_packets'])/d['end']['sum_received']['seconds']" >>"$OUT/$label-udp-rxpps.txt"
    pyget "$f" "d['end']['sum']['lost_percent']" >>"$OUT/$label-udp-loss.txt"
    ip netns exec "$cns" ping -c 50 -i 0.02 -q "$sip" | awk -F'[/ =]+' '/^rtt/{print $7*1000}' >>"$OUT/$label-rtt-us.txt"
  done
  kill "$(cat "$OUT/iperf3-$label.pid")" 2>/dev/null || true
  rm -f "$OUT/iperf3-$label.pid"
  printf '| %-20s | %s | %s | %s | %s | %s | %s |\n' "$label" \
    "$(stat3 "$OUT/$label-tcp1.txt" 2)" "$(stat3 "$OUT/$label-tcp4.txt" 2)" \
    "$(stat3 "$OUT/$label-udp-txpps.txt" 0)" "$(stat3 "$OUT/$label-udp-rxpps.txt" 0)" \
    "$(stat3 "$OUT/$label-udp-loss.txt" 1)" "$(stat3 "$OUT/$label-rtt-us.txt" 0)"
}

# ---- optional extra: UDP 64B pps with 1 syscall/packet vs sendmmsg/recvmmsg batches of 64 ----
# (needs gcc; the tiny probe is compiled into $OUT from the source embedded below)
build_udpblast() {
  command -v gcc >/dev/null || return 1
  cat >"$OUT/udpblast.c" <<'CEOF'
// udpblast: minimal UDP pps probe. send: sendto (batch=1) or sendmmsg (batch>1); recv: recvmmsg.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
int main(int c,char**v){
  if(c<2){fprintf(stderr,"usage: send IP PORT BATCH SECS LEN | recv PORT BATCH SECS\n");return 2;}
  int s=socket(AF_INET,SOCK_DGRAM,0); int buf=4<<20;
  setsockopt(s,SOL_SOCKET,SO_SNDBUF,&buf,sizeof buf); setsockopt(s,SOL_SOCKET,SO_RCVBUF,&buf,sizeof buf);
  struct sockaddr_in a={.sin_family=AF_INET};
  enum{MAXB=1024}; static char data[MAXB][2048]; static struct mmsghdr m[MAXB]; static struct iovec io[MAXB];
  if(!strcmp(v[1],"send")){
    inet_pton(AF_INET,v[2],&a.sin_addr); a.sin_port=htons(atoi(v[3]));
    int b=atoi(v[4]); double secs=atof(v[5]); int len=atoi(v[6]);
    if(connect(s,(void*)&a,sizeof a)){perror("connect");return 1;}
    for(int i=0;i<b;i++){io[i].iov_base=data[i];io[i].iov_len=len;m[i].msg_hdr.msg_iov=&io[i];m[i].msg_hdr.msg_iovlen=1;}
    long n=0; double t0=now(),t;
    do{ if(b==1){ if(send(s,data[0],len,0)==len) n++; }
        else { int r=sendmmsg(s,m,b,0); if(r>0) n+=r; }
    } while((t=now())-t0<secs);
    printf("tx_pps %.0f\n",n/(t-t0));
  } else {
    a.sin_addr.s_addr=INADDR_ANY; a.sin_port=htons(atoi(v[2])); int b=atoi(v[3]); double secs=atof(v[4]);
    if(bind(s,(void*)&a,sizeof a)){perror("bind");return 1;}
    struct timeval tv={0,200000}; setsockopt(s,SOL_SOCKET,SO_RCVTIMEO,&tv,sizeof tv);
    for(int i=0;i<b;i++){io[i].iov_base=data[i];io[i].iov_len=2048;m[i].msg_hdr.msg_iov=&io[i];m[i].msg_hdr.msg_iovlen=1;}
    long n=0; double t0=0,tl=0,t;
    double start=now();
    while((t=now())-start<secs){ int r=recvmmsg(s,m,b,0,NULL); if(r>0){ if(!t0)t0=t; n+=r; tl=now(); } }
    printf("rx_pps %.0f rx_pkts %ld\n", (tl>t0)? n/(tl-t0):0, n);
  }
  return 0;
}
CEOF
  gcc -O2 -o "$OUT/udpblast" "$OUT/udpblast.c"
}

measure_batched() { # label client_ns server_ns server_ip batch
  local label=$1 cns=$2 sns=$3 sip=$4 b=$5 r
  for r in $(seq 1 "$REPS"); do
    ip netns exec "$sns" "$OUT/udpblast" recv 9000 "$b" 7 >"$OUT/ub-rx.txt" &
    local rp=$!
    sleep 0.3
    ip netns exec "$cns" "$OUT/udpblast" send "$sip" 9000 "$b" 5 64 | awk '{print $2}' >>"$OUT/$label-ub$b-tx.txt"
    wait "$rp"
    awk '{print $2}' "$OUT/ub-rx.txt" >>"$OUT/$label-ub$b-rx.txt"
  done
  printf '| %-20s | %5s | %s | %s |\n' "$label" "$b" "$(stat3 "$OUT/$label-ub$b-tx.txt" 0)" "$(stat3 "$OUT/$label-ub$b-rx.txt" 0)"
}

measure() {
  mkdir -p "$OUT"
  rm -f "$OUT"/*.txt "$OUT"/*.json "$OUT"/summary.md "$OUT"/udpblast "$OUT"/udpblast.c
  # record what else is using the CPUs while we measure (shared machines add noise)
  ( while sleep 5; do date +%T; ps -eo pcpu,comm --sort=-pcpu | sed -n 2,4p; done ) >"$OUT/cpu-samples.txt" 2>&1 &
  SAMPLER=$!
  {
    echo "# $(date -u +%FT%TZ) $(uname -r) $(lscpu | sed -n 's/^Model name: *//p') nproc=$(nproc) reps=$REPS dur=${DUR}s"
    echo "| path | TCP 1 stream Gb/s | TCP 4 streams Gb/s | UDP 64B tx pps | UDP 64B rx pps | UDP loss % | ping RTT avg us |"
    echo "|---|---|---|---|---|---|---|"
    measure_path "c1-c2-kernel-vxlan" "$C1" "$C2" 10.0.9.2
    [[ $EXTRAS == 1 ]] && measure_path "h1-h2-plain-veth" "$H1" "$H2" 192.168.250.2
    if [[ $EXTRAS == 1 ]] && build_udpblast; then
      echo
      echo "| path | batch | UDP 64B tx pps | UDP 64B rx pps |"
      echo "|---|---|---|---|"
      for b in 1 64; do
        measure_batched "c1-c2-kernel-vxlan" "$C1" "$C2" 10.0.9.2 "$b"
        measure_batched "h1-h2-plain-veth" "$H1" "$H2" 192.168.250.2 "$b"
      done
    fi
  } | tee "$OUT/summary.md"
  kill "$SAMPLER" 2>/dev/null || true
  SAMPLER=
}

case "${1:-all}" in
  setup) setup ;;
  teardown) teardown ;;
  measure) measure ;;
  all) trap teardown EXIT; trap 'exit 130' INT TERM; setup; measure ;;
  *) echo "usage: $0 [all|setup|measure|teardown]" >&2; exit 2 ;;
esac
